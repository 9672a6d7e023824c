import { serviceCaller } from '@hub/service-kit';
import {
  corisWorkbookSheets,
  InventoryReader,
  openSiteDatabase,
  RegistryCache,
  RegistryReader,
  readTariffPolicy,
  SiteInventory,
  TariffEngine,
  TutelleSubgraphs,
  tariffSheets,
  writeCorisWorkbook,
} from '@hub/subgraph-site';
import type { HubConfig } from './config';

export interface WorkbookOptions {
  year: number;
  out: string;
  format: 'xlsx' | 'csv';
}

/**
 * `hub coris workbook`: the steering committee's indicators of a year, one sheet each, computed by the
 * site's own code from the hub's database (HUB_SITE_DB: registry, inventory index) and the tutelles'
 * running subgraphs. Says each sheet as it is done, with its time, and the source reads at the end.
 */
export async function writeWorkbook(
  config: HubConfig,
  options: WorkbookOptions,
  say: (line: string) => void,
): Promise<string[]> {
  const started = performance.now();
  const orm = await openSiteDatabase(config.site);
  try {
    const tutelles = new TutelleSubgraphs(config.tutelleSubgraphs);
    const registry = new RegistryReader(new RegistryCache(orm.em));
    const ctx = {
      caller: serviceCaller('coris-workbook'),
      registry,
      tutelles,
      inventory: new InventoryReader(new SiteInventory(orm.em, null)),
    };
    const reads: Record<string, number> = {};
    say(`CORIS workbook ${options.year}:`);
    const sheets = await corisWorkbookSheets(
      ctx,
      options.year,
      new Date().toISOString().slice(0, 10),
      (p) => say(`  ${p.sheet}: ${p.ms} ms`),
      reads,
    );
    const tariffStart = performance.now();
    const engine = new TariffEngine(readTariffPolicy(config.tariffPolicy), tutelles);
    const site = await engine.forRequest().siteTariffs(await registry.platforms(), options.year);
    for (const { platform, error } of site.failed) say(`  ${platform}: no tariff, ${error.message}`);
    sheets['Tarifs (synthèse)'] = tariffSheets(site.grids, site.divergence, engine.policy).summary;
    say(`  Tarifs (synthèse): ${Math.round(performance.now() - tariffStart)} ms`);
    const files = await writeCorisWorkbook(options.out, options.format, sheets);
    const tariffReads = Object.values(engine.requests).reduce((sum, n) => sum + (n ?? 0), 0);
    const staffReads = Object.values(reads).reduce((sum, n) => sum + (n ?? 0), 0);
    say(
      `Wrote ${files.join(', ')} in ${Math.round(performance.now() - started)} ms; source reads: ${staffReads} for staff (${JSON.stringify(reads)}), ${tariffReads} for tariffs.`,
    );
    return files;
  } finally {
    await orm.close(true);
  }
}

import { serviceCaller } from '@hub/service-kit';
import {
  corisWorkbookSheets,
  groupByReconciledEquipment,
  InventoryReader,
  openSiteDatabase,
  RegistryCache,
  RegistryReader,
  readTariffPolicy,
  SiteInventory,
  type SiteOrm,
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

/** What a workbook run did: its files, its sheets, and the source reads it made. */
export interface WorkbookRun {
  files: string[];
  sheets: string[];
  /** Staff reads, by tutelle: one each, however many staff sheets. */
  staffReads: Record<string, number>;
  /** The tariff engine's requests, by tutelle. */
  tariffRequests: Record<string, number | undefined>;
}

/**
 * The year's steering-committee workbook over a site database and the tutelles' subgraphs: the CORIS sheets,
 * then the tariffs' summary. Says each sheet as it is done, with its time.
 */
export async function buildWorkbook(
  em: SiteOrm['em'],
  tutelles: TutelleSubgraphs,
  tariffPolicy: string | undefined,
  options: WorkbookOptions,
  say: (line: string) => void,
): Promise<WorkbookRun> {
  const registry = new RegistryReader(new RegistryCache(em));
  const inventory = new SiteInventory(em, null);
  const ctx = {
    caller: serviceCaller('coris-workbook'),
    registry,
    tutelles,
    inventory: new InventoryReader(inventory),
  };
  const staffReads: Record<string, number> = {};
  const sheets = await corisWorkbookSheets(
    ctx,
    options.year,
    new Date().toISOString().slice(0, 10),
    (p) => say(`  ${p.sheet}: ${p.ms} ms`),
    staffReads,
  );
  const tariffStart = performance.now();
  // Instruments grouped by the reconciled inventory, as the graph's tariffs are: the same prices.
  const engine = new TariffEngine(readTariffPolicy(tariffPolicy), tutelles, {
    grouping: groupByReconciledEquipment(inventory),
  });
  const site = await engine.forRequest().siteTariffs(await registry.platforms(), options.year);
  for (const { platform, error } of site.failed) say(`  ${platform}: no tariff, ${error.message}`);
  sheets['Tarifs (synthèse)'] = tariffSheets(site.grids, site.divergence, engine.policy).summary;
  say(`  Tarifs (synthèse): ${Math.round(performance.now() - tariffStart)} ms`);
  const files = await writeCorisWorkbook(options.out, options.format, sheets);
  return { files, sheets: Object.keys(sheets), staffReads, tariffRequests: { ...engine.requests } };
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
    say(`CORIS workbook ${options.year}:`);
    const run = await buildWorkbook(
      orm.em,
      new TutelleSubgraphs(config.tutelleSubgraphs),
      config.tariffPolicy,
      options,
      say,
    );
    const tariffReads = Object.values(run.tariffRequests).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    const staffReads = Object.values(run.staffReads).reduce((sum, n) => sum + n, 0);
    say(
      `Wrote ${run.files.join(', ')} in ${Math.round(performance.now() - started)} ms; source reads: ${staffReads} for staff (${JSON.stringify(run.staffReads)}), ${tariffReads} for tariffs.`,
    );
    return run.files;
  } finally {
    await orm.close(true);
  }
}

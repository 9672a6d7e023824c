import {
  groupByReconciledEquipment,
  openSiteDatabase,
  RegistryCache,
  RegistryReader,
  readTariffPolicy,
  SiteInventory,
  TariffEngine,
  type TariffReport,
  TutelleSubgraphs,
  tariffSheets,
  writeTariffExport,
} from '@hub/subgraph-site';
import type { HubConfig } from './config';

export interface TariffExportOptions {
  year: number;
  format: 'csv' | 'xlsx';
  out: string;
  reports: readonly TariffReport[];
}

/**
 * `hub tariffs export`: the site's grids and the gaps to the published prices, computed by the site's own
 * code from the registry (HUB_SITE_DB) and the tutelles' running subgraphs, as the graph computes them.
 * Says where it stands as it goes; returns the files written. Fails (the CLI exits 1) when a platform's
 * grid could not be computed: with none, before writing anything.
 */
export async function exportTariffs(
  config: HubConfig,
  options: TariffExportOptions,
  say: (line: string) => void,
): Promise<string[]> {
  const started = performance.now();
  const policy = readTariffPolicy(config.tariffPolicy);
  const orm = await openSiteDatabase(config.site);
  try {
    const platforms = await new RegistryReader(new RegistryCache(orm.em)).platforms();
    const withServices = platforms.filter((p) => p.services.length > 0);
    say(
      `Policy ${policy.version}; ${withServices.length} of ${platforms.length} platforms sell services. Reading their ${options.year} costs…`,
    );
    // Instruments grouped by the reconciled inventory, as the graph's tariffs are: the same prices.
    const engine = new TariffEngine(policy, new TutelleSubgraphs(config.tutelleSubgraphs), {
      grouping: groupByReconciledEquipment(new SiteInventory(orm.em, null)),
    });
    const request = engine.forRequest({
      onProgress: (p) =>
        say(
          `  ${p.tutelle}: ${p.costCentres} cost centres, ${p.people} people, ${p.requests} request(s), ${p.ms} ms` +
            (p.error ? ` — FAILED: ${p.error.message}` : ''),
        ),
    });
    const site = await request.siteTariffs(platforms, options.year);
    say(`Computed ${site.grids.length} grids, ${site.divergence.length} published prices compared.`);
    for (const { platform, error } of site.failed) say(`  ${platform}: no grid, ${error.message}`);
    // A workbook without the grids asked for is not an export: nothing is written, the command fails.
    if (site.grids.length === 0 && site.failed.length > 0) {
      const why = site.failed.map(({ platform, error }) => `${platform} (${error.message})`).join('; ');
      throw new Error(`no grid could be computed: ${why}`);
    }
    const files = await writeTariffExport(
      options.out,
      options.format,
      tariffSheets(site.grids, site.divergence, policy),
      options.reports,
    );
    say(`Wrote ${files.join(', ')} in ${Math.round(performance.now() - started)} ms.`);
    // Some platforms' grids missing: the files say what could be computed, the exit code that it is not all.
    if (site.failed.length > 0) {
      throw new Error(
        `${site.failed.length} platform(s) without a grid: the export is incomplete (see above)`,
      );
    }
    return files;
  } finally {
    await orm.close(true);
  }
}

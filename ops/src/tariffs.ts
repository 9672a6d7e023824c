import {
  openSiteDatabase,
  RegistryCache,
  RegistryReader,
  readTariffPolicy,
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
 * Says where it stands as it goes; returns the files written.
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
    const engine = new TariffEngine(policy, new TutelleSubgraphs(config.tutelleSubgraphs));
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
    const files = await writeTariffExport(
      options.out,
      options.format,
      tariffSheets(site.grids, site.divergence, policy),
      options.reports,
    );
    say(`Wrote ${files.join(', ')} in ${Math.round(performance.now() - started)} ms.`);
    return files;
  } finally {
    await orm.close(true);
  }
}

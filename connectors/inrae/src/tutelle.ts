import { Tutelle } from '@hub/schema';
import type { TutelleDescriptor } from '@hub/source-kit';
import { connectInrae, type InraeConnectorOptions } from './inrae-connector';

/** INRAE centre Grand Est-Nancy: its extraction workbooks, and INRAE's settings, INRAE's alone. */
export const inraeTutelle: TutelleDescriptor<InraeConnectorOptions> = {
  tutelle: Tutelle.INRAE,
  name: 'inrae',
  defaultPort: 4004,
  readCacheTtlSeconds: 0,
  settings: {
    HUB_INRAE_FOLDER:
      "the folder receiving `extraction_INRAE_YYYY-MM-DD.xlsx` (by default the embedded demo's)",
    HUB_INRAE_MAX_AGE_MS: 'how long a read stays good without a newer workbook, ms (5 minutes)',
  },
  configure(settings, demoDir) {
    const maxAgeMs = settings.amount('HUB_INRAE_MAX_AGE_MS', 'milliseconds');
    return { folder: settings.text('HUB_INRAE_FOLDER') ?? demoDir, ...(maxAgeMs ? { maxAgeMs } : {}) };
  },
  connect: async (options) => connectInrae(options),
};

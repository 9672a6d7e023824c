import { Tutelle } from '@hub/schema';
import type { TutelleDescriptor } from '@hub/source-kit';
import { type ChruConnectorOptions, connectChru } from './chru-connector';

/** The token the GMAO stand-in expects where no real API is configured (`hub start`, the tests). */
export const GMAO_STAND_IN_TOKEN = 'demo-gmao-token';

/** CHRU de Nancy: its GMAO API and CSV exports, and the CHRU's settings, the CHRU's alone. */
export const chruTutelle: TutelleDescriptor<ChruConnectorOptions> = {
  tutelle: Tutelle.CHRU,
  name: 'chru',
  defaultPort: 4005,
  readCacheTtlSeconds: 0,
  settings: {
    HUB_CHRU_GMAO_URL:
      'the GMAO API; unset, `hub start` serves the demo stand-in at `HUB_CHRU_GMAO_STANDIN_PORT`',
    HUB_CHRU_GMAO_STANDIN_PORT: "the GMAO stand-in's port where no API is configured (4090)",
    HUB_CHRU_GMAO_TOKEN: "the GMAO API's bearer token (the stand-in's by default)",
    HUB_CHRU_EXPORTS_DIR:
      "where `personnels_recherche.csv` and `depenses_uf.csv` are dropped (by default the embedded demo's)",
    HUB_CHRU_MAX_AGE_MS: 'how long a read of the API stays good, ms (5 minutes)',
  },
  configure(settings, demoDir) {
    const maxAgeMs = settings.amount('HUB_CHRU_MAX_AGE_MS', 'milliseconds');
    const standInPort = settings.port('HUB_CHRU_GMAO_STANDIN_PORT', 4090);
    return {
      gmao: {
        baseUrl: settings.url('HUB_CHRU_GMAO_URL', `http://127.0.0.1:${standInPort}`),
        token: settings.text('HUB_CHRU_GMAO_TOKEN') ?? GMAO_STAND_IN_TOKEN,
      },
      exportsFolder: settings.text('HUB_CHRU_EXPORTS_DIR') ?? demoDir,
      ...(maxAgeMs ? { maxAgeMs } : {}),
    };
  },
  connect: async (options) => connectChru(options),
};

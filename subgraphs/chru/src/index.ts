// @hub/subgraph-chru: the CHRU's subgraph: its configuration, the CHRU's alone. The subgraph itself is the
// shared tutelle subgraph (`@hub/tutelle-subgraph`) over the CHRU's connector.
import type { ChruConnectorOptions } from '@hub/connector-chru';

/** The embedded demo's GMAO stand-in: where `hub start` serves it, and the token it expects. */
export const DEMO_GMAO = { port: 4090, token: 'demo-gmao-token' };

/**
 * The CHRU's source settings: `HUB_CHRU_GMAO_URL` and `HUB_CHRU_GMAO_TOKEN` (the GMAO API; by default the
 * demo's stand-in), `HUB_CHRU_EXPORTS_DIR` (where `personnels_recherche.csv` and `depenses_uf.csv` are
 * dropped; by default the demo's), `HUB_CHRU_MAX_AGE_MS` (how long a read of the API stays good).
 */
export function chruConnectorOptionsFromEnv(env: NodeJS.ProcessEnv, demoDir: string): ChruConnectorOptions {
  const maxAge = env.HUB_CHRU_MAX_AGE_MS ? Number(env.HUB_CHRU_MAX_AGE_MS) : undefined;
  return {
    gmao: {
      baseUrl: env.HUB_CHRU_GMAO_URL ?? `http://127.0.0.1:${DEMO_GMAO.port}`,
      token: env.HUB_CHRU_GMAO_TOKEN ?? DEMO_GMAO.token,
    },
    exportsFolder: env.HUB_CHRU_EXPORTS_DIR ?? demoDir,
    ...(maxAge ? { maxAgeMs: maxAge } : {}),
  };
}

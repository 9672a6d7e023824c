// @hub/subgraph-inrae: INRAE's subgraph: its configuration, INRAE's alone. The subgraph itself is the shared
// tutelle subgraph (`@hub/tutelle-subgraph`) over INRAE's connector.
import type { InraeConnectorOptions } from '@hub/connector-inrae';

/**
 * INRAE's source settings: `HUB_INRAE_FOLDER`, the folder receiving `extraction_INRAE_YYYY-MM-DD.xlsx`
 * (by default the embedded demo's); `HUB_INRAE_MAX_AGE_MS`, how long a read stays good without a newer file.
 */
export function inraeConnectorOptionsFromEnv(env: NodeJS.ProcessEnv, demoDir: string): InraeConnectorOptions {
  const maxAge = env.HUB_INRAE_MAX_AGE_MS ? Number(env.HUB_INRAE_MAX_AGE_MS) : undefined;
  return { folder: env.HUB_INRAE_FOLDER ?? demoDir, ...(maxAge ? { maxAgeMs: maxAge } : {}) };
}

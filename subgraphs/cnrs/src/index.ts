// @hub/subgraph-cnrs: CNRS's subgraph: its configuration, CNRS's alone. The subgraph itself is the shared
// tutelle subgraph (`@hub/tutelle-subgraph`) over CNRS's connector.
import path from 'node:path';
import type { CnrsConnectorOptions } from '@hub/connector-cnrs';

/**
 * CNRS's source settings, CNRS's alone: no other subgraph reads them.
 * - `HUB_CNRS_DATABASE_URL`: the MariaDB replica, `mariadb://user:pass@host:3306/cnrs_dr06`;
 * - otherwise `HUB_CNRS_SQLITE_DIR`: a folder with `cnrs_dr06.sqlite` (the embedded demo).
 */
export function cnrsConnectorOptionsFromEnv(env: NodeJS.ProcessEnv, demoDir: string): CnrsConnectorOptions {
  if (env.HUB_CNRS_DATABASE_URL) {
    const url = env.HUB_CNRS_DATABASE_URL;
    return { database: { kind: 'mariadb', url }, schema: decodeURIComponent(new URL(url).pathname.slice(1)) };
  }
  return { database: cnrsSqliteDatabase(env.HUB_CNRS_SQLITE_DIR ?? demoDir) };
}

export function cnrsSqliteDatabase(dir: string, schema = 'cnrs_dr06'): CnrsConnectorOptions['database'] {
  return { kind: 'sqlite', schemas: { [schema]: path.resolve(dir, `${schema}.sqlite`) } };
}

import path from 'node:path';
import type { UlConnectorOptions } from '@hub/connector-ul';

/**
 * UL's source settings, UL's alone: no other subgraph reads them.
 * - `HUB_UL_DATABASE_URL`: the SIFAC/SIHAM reporting replica, `postgresql://user:pass@host/db`;
 * - otherwise `HUB_UL_SQLITE_DIR`: a folder with `sifac.sqlite` and `siham.sqlite` (by default the
 *   embedded demo's).
 */
export function ulConnectorOptionsFromEnv(env: NodeJS.ProcessEnv, demoDir: string): UlConnectorOptions {
  if (env.HUB_UL_DATABASE_URL) return { database: { kind: 'postgresql', url: env.HUB_UL_DATABASE_URL } };
  return { database: ulSqliteDatabase(env.HUB_UL_SQLITE_DIR ?? demoDir) };
}

export function ulSqliteDatabase(dir: string): UlConnectorOptions['database'] {
  return {
    kind: 'sqlite',
    schemas: { sifac: path.resolve(dir, 'sifac.sqlite'), siham: path.resolve(dir, 'siham.sqlite') },
  };
}

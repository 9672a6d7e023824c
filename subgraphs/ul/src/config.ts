import path from 'node:path';
import type { UlConnectorOptions } from '@hub/connector-ul';

/**
 * UL's source settings, UL's alone: no other subgraph reads them.
 * - `HUB_UL_DATABASE_URL`: the SIFAC/SIHAM reporting replica, `postgresql://user:pass@host/db`;
 * - otherwise `HUB_UL_SQLITE_DIR`: a folder with `sifac.sqlite` and `siham.sqlite` (the embedded demo).
 */
export function ulConnectorOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): UlConnectorOptions {
  if (env.HUB_UL_DATABASE_URL) return { database: { kind: 'postgresql', url: env.HUB_UL_DATABASE_URL } };
  if (env.HUB_UL_SQLITE_DIR) return { database: ulSqliteDatabase(env.HUB_UL_SQLITE_DIR) };
  throw new Error(
    'UL source not configured: set HUB_UL_DATABASE_URL (PostgreSQL) or HUB_UL_SQLITE_DIR (SQLite)',
  );
}

export function ulSqliteDatabase(dir: string): UlConnectorOptions['database'] {
  return {
    kind: 'sqlite',
    schemas: { sifac: path.resolve(dir, 'sifac.sqlite'), siham: path.resolve(dir, 'siham.sqlite') },
  };
}

import path from 'node:path';
import { Tutelle } from '@hub/schema';
import type { TutelleDescriptor } from '@hub/source-kit';
import { UlConnector, type UlConnectorOptions } from './ul-connector';

export function ulSqliteDatabase(dir: string): UlConnectorOptions['database'] {
  return {
    kind: 'sqlite',
    schemas: { sifac: path.resolve(dir, 'sifac.sqlite'), siham: path.resolve(dir, 'siham.sqlite') },
  };
}

/** Université de Lorraine: its SIFAC/SIHAM reporting replica, and UL's settings, UL's alone. */
export const ulTutelle: TutelleDescriptor<UlConnectorOptions> = {
  tutelle: Tutelle.UL,
  name: 'ul',
  defaultPort: 4002,
  readCacheTtlSeconds: 60,
  settings: {
    HUB_UL_DATABASE_URL: 'the SIFAC/SIHAM reporting replica, `postgresql://user:pass@host/db`',
    HUB_UL_SQLITE_DIR:
      "otherwise a folder with `sifac.sqlite` and `siham.sqlite` (by default the embedded demo's)",
  },
  configure(settings, demoDir) {
    const url = settings.url('HUB_UL_DATABASE_URL');
    if (url) return { database: { kind: 'postgresql', url } };
    return { database: ulSqliteDatabase(settings.text('HUB_UL_SQLITE_DIR') ?? demoDir) };
  },
  connect: (options) => UlConnector.connect(options),
};

import path from 'node:path';
import { Tutelle } from '@hub/schema';
import type { TutelleDescriptor } from '@hub/source-kit';
import { CnrsConnector, type CnrsConnectorOptions } from './cnrs-connector';

export function cnrsSqliteDatabase(dir: string, schema = 'cnrs_dr06'): CnrsConnectorOptions['database'] {
  return { kind: 'sqlite', schemas: { [schema]: path.resolve(dir, `${schema}.sqlite`) } };
}

/** CNRS délégation Centre-Est: its MariaDB replica, and CNRS's settings, CNRS's alone. */
export const cnrsTutelle: TutelleDescriptor<CnrsConnectorOptions> = {
  tutelle: Tutelle.CNRS,
  name: 'cnrs',
  defaultPort: 4003,
  readCacheTtlSeconds: 60,
  settings: {
    HUB_CNRS_DATABASE_URL: 'the MariaDB replica, `mariadb://user:pass@host:3306/cnrs_dr06`',
    HUB_CNRS_SQLITE_DIR: "otherwise a folder with `cnrs_dr06.sqlite` (by default the embedded demo's)",
  },
  configure(settings, demoDir) {
    const url = settings.url('HUB_CNRS_DATABASE_URL');
    if (url) {
      return {
        database: { kind: 'mariadb', url },
        schema: decodeURIComponent(new URL(url).pathname.slice(1)),
      };
    }
    return { database: cnrsSqliteDatabase(settings.text('HUB_CNRS_SQLITE_DIR') ?? demoDir) };
  },
  connect: (options) => CnrsConnector.connect(options),
};

import { logger } from '@hub/service-kit';
import { MikroORM as SqliteORM } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import { IndicatorSnapshotSchema, SNAPSHOT_MIGRATIONS } from '../coris';
import { INVENTORY_ENTITIES, INVENTORY_MIGRATIONS } from '../inventory';
import { JOB_MIGRATIONS, migrateOneAtATime } from '../jobs';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from '../registry';

/** The hub's own database: a SQLite file by default, PostgreSQL by configuration. */
export type SiteDatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };

export type SiteOrm = SqliteORM | PostgresORM;

/** `sqlite:.hub/site.sqlite` or `postgresql://…` (the `HUB_SITE_DB` setting) → a config. */
export function parseSiteDatabase(value: string): SiteDatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgresql', url: value };
  return { kind: 'sqlite', file: value.replace(/^sqlite:/, '') };
}

/** Open the registry database and bring its schema up to date. */
export async function openSiteDatabase(config: SiteDatabaseConfig): Promise<SiteOrm> {
  const common = {
    entities: [...REGISTRY_ENTITIES, ...INVENTORY_ENTITIES, IndicatorSnapshotSchema],
    extensions: [Migrator],
    migrations: {
      migrationsList: [
        ...REGISTRY_MIGRATIONS,
        ...INVENTORY_MIGRATIONS,
        ...SNAPSHOT_MIGRATIONS,
        ...JOB_MIGRATIONS,
      ],
      transactional: true,
      snapshot: false,
    },
    allowGlobalContext: false,
    debug: ['discovery', 'info'] as ('discovery' | 'info')[],
    logger: (message: string) => logger.debug({ service: 'site' }, message),
  };
  const orm =
    config.kind === 'postgresql'
      ? await PostgresORM.init({ ...common, clientUrl: config.url })
      : await SqliteORM.init({ ...common, dbName: config.file });
  if (config.kind === 'postgresql') await migrateOneAtATime(config.url, () => orm.getMigrator().up());
  else await orm.getMigrator().up();
  return orm;
}

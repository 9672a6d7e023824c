import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * The base of every domain's migrations, written with knex's schema builder so that one migration serves
 * SQLite (the embedded default) and PostgreSQL alike. Knex's schema builder can emit several statements (a
 * table, then its indexes): they are run one by one. Never edit a released migration: add the next one.
 */
export abstract class KnexMigration extends Migration {
  protected addSchema(build: (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder): void {
    // A schema builder accumulates: take a fresh one for each change.
    for (const statement of build(this.getKnex().schema).toSQL()) this.addSql(statement.sql);
  }
}

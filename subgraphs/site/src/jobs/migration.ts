import { KnexMigration } from '../database/knex-migration';

/** One row per job that must run once at a time across every replica and cron: who holds it, until when. */
export class Migration20261204230000JobLease extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.createTable('job_lease', (t) => {
        t.string('name', 40).primary();
        t.string('holder', 200).notNullable();
        t.string('acquired_at', 30).notNullable();
        t.bigInteger('expires_at').notNullable();
      }),
    );
  }

  override async down(): Promise<void> {
    this.addSchema((schema) => schema.dropTable('job_lease'));
  }
}

export const JOB_MIGRATIONS = [
  { name: 'Migration20261204230000JobLease', class: Migration20261204230000JobLease },
];

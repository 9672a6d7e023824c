import type { Knex } from '@mikro-orm/knex';
import { KnexMigration } from '../database/knex-migration';

/* The registry's migrations, in order (KnexMigration: one migration for SQLite and PostgreSQL alike). */

export class Migration20261123000000RegistryInit extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.createTable('platform', (t) => {
        t.string('code', 40).primary();
        t.string('name', 200).notNullable();
        t.json('units').notNullable();
        t.json('tutelles').notNullable();
        t.json('themes').notNullable();
        t.string('label_status', 16).notNullable();
        t.string('label_granted', 10);
        t.string('label_next_review', 10);
        t.string('contact_name', 120);
        t.string('contact_email', 120);
      }),
    );
    const child = (name: string, columns: (t: Knex.CreateTableBuilder) => void) =>
      this.addSchema((schema) =>
        schema.createTable(name, (t) => {
          t.increments('id');
          t.string('platform_code', 40).notNullable().references('platform.code').onDelete('cascade');
          t.index(['platform_code']);
          columns(t);
        }),
      );
    child('platform_cost_centre', (t) => {
      t.string('tutelle', 8).notNullable();
      t.string('code', 24).notNullable();
    });
    child('platform_staff', (t) => {
      t.string('tutelle', 8).notNullable();
      t.string('person_id', 24).notNullable();
      t.double('share').notNullable();
    });
    child('platform_service', (t) => {
      t.string('code', 40).notNullable();
      t.string('name', 200).notNullable();
      t.string('unit', 8).notNullable();
      t.double('yearly_volume').notNullable();
      t.double('staff_hours_per_unit').notNullable();
      t.double('equipment_hours_per_unit').notNullable();
      t.json('current_prices').notNullable();
    });
  }

  override async down(): Promise<void> {
    for (const table of ['platform_service', 'platform_staff', 'platform_cost_centre', 'platform']) {
      this.addSchema((schema) => schema.dropTable(table));
    }
  }
}

/** The registry's version, bumped by every load, so readers can cache it and notice a new one cheaply. */
export class Migration20261123000001RegistryVersion extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.createTable('registry_version', (t) => {
        t.integer('id').primary();
        t.integer('version').notNullable();
        t.string('loaded_at', 30);
      }),
    );
    this.addSql(this.getKnex().insert({ id: 1, version: 0, loaded_at: null }).into('registry_version'));
  }

  override async down(): Promise<void> {
    this.addSchema((schema) => schema.dropTable('registry_version'));
  }
}

/** Edits through the graph: a version per platform, a description, the last label review, the change log. */
export class Migration20261205000000RegistryEdits extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.alterTable('platform', (t) => {
        t.text('description');
        t.string('label_last_review', 10);
        t.integer('version').notNullable().defaultTo(1);
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('platform_change', (t) => {
        t.increments('id');
        t.string('platform_code', 40).notNullable();
        t.integer('version').notNullable();
        t.string('at', 30).notNullable();
        t.string('author', 200).notNullable();
        t.string('action', 20).notNullable();
        t.json('changes').notNullable();
        t.index(['platform_code', 'version']);
      }),
    );
  }

  override async down(): Promise<void> {
    this.addSchema((schema) => schema.dropTable('platform_change'));
    this.addSchema((schema) =>
      schema.alterTable('platform', (t) => {
        t.dropColumn('description');
        t.dropColumn('label_last_review');
        t.dropColumn('version');
      }),
    );
  }
}

export const REGISTRY_MIGRATIONS = [
  { name: 'Migration20261123000000RegistryInit', class: Migration20261123000000RegistryInit },
  { name: 'Migration20261123000001RegistryVersion', class: Migration20261123000001RegistryVersion },
  { name: 'Migration20261205000000RegistryEdits', class: Migration20261205000000RegistryEdits },
];

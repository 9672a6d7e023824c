import { KnexMigration } from '../database/knex-migration';

/** The site-wide inventory's tables: the index of records, sync state, equipment, links, decisions. */
export class Migration20261201100000Inventory extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.createTable('inventory_record', (t) => {
        t.string('id', 64).primary();
        t.string('tutelle', 8).notNullable();
        t.string('inventory_number', 40);
        t.string('designation', 200).notNullable();
        t.string('details', 200);
        t.string('manufacturer', 120);
        t.string('manufacturer_normalized', 120);
        t.string('model', 120);
        t.string('serial_number', 60);
        t.string('serial_number_normalized', 60);
        t.string('commissioning_date', 10);
        t.bigInteger('value_ht_cents').notNullable();
        t.integer('useful_life_years');
        t.string('unit_code', 24);
        t.string('cost_centre', 24);
        t.string('status', 16).notNullable();
        t.integer('addition_count').notNullable();
        t.string('content_hash', 64).notNullable();
        t.integer('seen_run').notNullable();
        t.boolean('removed').notNullable();
        t.string('updated_at', 30).notNullable();
        t.index(['tutelle', 'seen_run']);
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('inventory_sync_state', (t) => {
        t.string('tutelle', 8).primary();
        t.integer('run').notNullable();
        t.string('cursor', 200);
        t.string('changed_since', 30);
        t.string('pending_changed_up_to', 30);
        t.string('started_at', 30);
        t.string('finished_at', 30);
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('equipment', (t) => {
        t.string('id', 80).primary();
        t.string('designation', 200).notNullable();
        t.string('manufacturer', 120);
        t.string('model', 120);
        t.string('serial_number', 60);
        t.string('platform_code', 40);
        t.string('unit_code', 24);
        t.json('tutelles').notNullable();
        t.json('record_ids').notNullable();
        t.bigInteger('value_ht_cents').notNullable();
        t.json('shares').notNullable();
        t.string('commissioning_date', 10);
        t.string('status', 16).notNullable();
        t.double('confidence');
        t.boolean('confirmed').notNullable();
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('equipment_link', (t) => {
        t.increments('id');
        t.string('equipment_id', 80);
        t.string('record_a', 64).notNullable();
        t.string('record_b', 64).notNullable();
        t.double('probability');
        t.double('weight');
        t.json('evidence').notNullable();
        t.boolean('decided').notNullable();
        t.index(['equipment_id']);
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('inventory_decision', (t) => {
        t.increments('id');
        t.string('kind', 8).notNullable();
        t.string('decided_by', 120).notNullable();
        t.string('decided_at', 30).notNullable();
        t.json('equipment_ids').notNullable();
        t.json('record_ids').notNullable();
        t.json('previous').notNullable();
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('inventory_constraint', (t) => {
        t.increments('id');
        t.string('kind', 8).notNullable();
        t.string('record_a', 64).notNullable();
        t.string('record_b', 64).notNullable();
        t.integer('decision_id').notNullable();
        t.unique(['record_a', 'record_b']);
      }),
    );
    this.addSchema((schema) =>
      schema.createTable('inventory_version', (t) => {
        t.integer('id').primary();
        t.integer('version').notNullable();
        t.string('reconciled_at', 30);
        t.json('stats').notNullable();
      }),
    );
    this.addSql(
      this.getKnex()
        .insert({ id: 1, version: 0, reconciled_at: null, stats: '{}' })
        .into('inventory_version'),
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'inventory_version',
      'inventory_constraint',
      'inventory_decision',
      'equipment_link',
      'equipment',
      'inventory_sync_state',
      'inventory_record',
    ])
      this.addSchema((schema) => schema.dropTable(table));
  }
}

export const INVENTORY_MIGRATIONS = [
  { name: 'Migration20261201100000Inventory', class: Migration20261201100000Inventory },
];

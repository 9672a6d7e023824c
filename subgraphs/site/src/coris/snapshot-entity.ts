import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { KnexMigration } from '../database/knex-migration';

/** The figures of the site (platform null) or of one platform, as the hub computed them on a day. */
export class IndicatorSnapshotRow {
  id!: number;
  takenAt!: string;
  kind!: 'SYNC' | 'YEAR_END';
  asOf!: string;
  platformCode: string | null = null;
  instruments!: number;
  valueHTCents!: number;
  headcount!: number;
  fte!: number;
  /** Loaded yearly payroll of the people in force on the day, × platform shares, cents. */
  payrollCents!: number;
  services!: number;
  labelStatus: string | null = null;
  labelledPlatforms: number | null = null;
  /**
   * The platform's tariffs of the year of `asOf`, as JSON `[{ service, category, priceHTCents }]`; null
   * for the site, or where its costs could not be read (or it was taken without tariffs).
   */
  tariffs: string | null = null;
}

export const IndicatorSnapshotSchema = new EntitySchema<IndicatorSnapshotRow>({
  class: IndicatorSnapshotRow,
  tableName: 'indicator_snapshot',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    takenAt: { type: 'string', length: 30 },
    kind: { type: 'string', length: 10 },
    asOf: { type: 'string', length: 10 },
    platformCode: { type: 'string', length: 40, nullable: true },
    instruments: { type: 'integer' },
    valueHTCents: { type: new BigIntType('number'), fieldName: 'value_ht_cents' },
    headcount: { type: 'integer' },
    fte: { type: 'double' },
    payrollCents: { type: new BigIntType('number'), fieldName: 'payroll_cents' },
    services: { type: 'integer' },
    labelStatus: { type: 'string', length: 16, nullable: true },
    labelledPlatforms: { type: 'integer', nullable: true },
    tariffs: { type: 'text', nullable: true },
  },
});

export class Migration20261205000001IndicatorSnapshots extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) =>
      schema.createTable('indicator_snapshot', (t) => {
        t.increments('id');
        t.string('taken_at', 30).notNullable();
        t.string('kind', 10).notNullable();
        t.string('as_of', 10).notNullable();
        t.string('platform_code', 40);
        t.integer('instruments').notNullable();
        t.bigInteger('value_ht_cents').notNullable();
        t.integer('headcount').notNullable();
        t.double('fte').notNullable();
        t.bigInteger('payroll_cents').notNullable();
        t.integer('services').notNullable();
        t.string('label_status', 16);
        t.integer('labelled_platforms');
        t.index(['platform_code', 'as_of']);
      }),
    );
  }

  override async down(): Promise<void> {
    this.addSchema((schema) => schema.dropTable('indicator_snapshot'));
  }
}

export class Migration20261205000002SnapshotTariffs extends KnexMigration {
  override async up(): Promise<void> {
    this.addSchema((schema) => schema.alterTable('indicator_snapshot', (t) => t.text('tariffs')));
  }

  override async down(): Promise<void> {
    this.addSchema((schema) => schema.alterTable('indicator_snapshot', (t) => t.dropColumn('tariffs')));
  }
}

export const SNAPSHOT_MIGRATIONS = [
  { name: 'Migration20261205000001IndicatorSnapshots', class: Migration20261205000001IndicatorSnapshots },
  { name: 'Migration20261205000002SnapshotTariffs', class: Migration20261205000002SnapshotTariffs },
];

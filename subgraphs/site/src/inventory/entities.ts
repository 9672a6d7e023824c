import { BigIntType, EntitySchema } from '@mikro-orm/core';

/*
 * The site-wide inventory as the hub indexes it: the tutelles' records as last synced, the instruments
 * (`Equipment`) reconciliation made of them with the links that joined them, and people's decisions. Money
 * in cents, so totals add up exactly.
 */

/** One tutelle's record, as its subgraph's feed last gave it. */
export class IndexedRecord {
  id!: string;
  tutelle!: string;
  inventoryNumber: string | null = null;
  designation!: string;
  details: string | null = null;
  manufacturer: string | null = null;
  manufacturerNormalized: string | null = null;
  model: string | null = null;
  serialNumber: string | null = null;
  serialNumberNormalized: string | null = null;
  commissioningDate: string | null = null;
  valueHTCents!: number;
  usefulLifeYears: number | null = null;
  unitCode: string | null = null;
  costCentre: string | null = null;
  status!: string;
  additionCount = 0;
  /** Of the fields above: tells a changed record from a re-read one. */
  contentHash!: string;
  /** The sync run that last read it: a whole read that did not reach it means the tutelle removed it. */
  seenRun!: number;
  removed = false;
  updatedAt!: string;
}

/** Where each tutelle's sync stands: a run in progress keeps its cursor, so a crash resumes there. */
export class SyncState {
  tutelle!: string;
  run = 0;
  /** The last page committed by the run in progress; null between runs. */
  cursor: string | null = null;
  /** The source time the last complete incremental read reached. */
  changedSince: string | null = null;
  /** The newest change the run in progress has read, committed as `changedSince` when it completes. */
  pendingChangedUpTo: string | null = null;
  startedAt: string | null = null;
  finishedAt: string | null = null;
}

/** One instrument, as the last reconciliation grouped its records. */
export class EquipmentRow {
  id!: string;
  designation!: string;
  manufacturer: string | null = null;
  model: string | null = null;
  serialNumber: string | null = null;
  platformCode: string | null = null;
  unitCode: string | null = null;
  tutelles: string[] = [];
  recordIds: string[] = [];
  valueHTCents!: number;
  /** Each tutelle's share, HT, cents: the value is their sum. */
  shares: Record<string, number> = {};
  commissioningDate: string | null = null;
  status!: string;
  confidence: number | null = null;
  confirmed = false;
}

/** A link that joined two records of an instrument, or a possible match left for review. */
export class EquipmentLink {
  id!: number;
  /** Null for a possible match: the two records are in different instruments. */
  equipmentId: string | null = null;
  recordA!: string;
  recordB!: string;
  probability: number | null = null;
  weight: number | null = null;
  evidence: Array<{ field: string; level: string; bayesFactorLog2: number }> = [];
  decided = false;
}

export type DecisionKind = 'confirm' | 'split' | 'merge';

/** What a person decided, when, and what the instruments were before: the audit trail. */
export class InventoryDecision {
  id!: number;
  kind!: DecisionKind;
  decidedBy!: string;
  decidedAt!: string;
  /** The instruments it was about, as their ids were then. */
  equipmentIds: string[] = [];
  /** The records it moved (split) or joined (confirm, merge). */
  recordIds: string[] = [];
  /** The instruments before it: id and records of each. */
  previous: Array<{ id: string; recordIds: string[] }> = [];
}

/** A decision as a constraint on record ids, applied on every reconciliation: clusters come and go, records stay. */
export class MatchConstraint {
  id!: number;
  kind!: 'must' | 'cannot';
  /** recordA < recordB. */
  recordA!: string;
  recordB!: string;
  decisionId!: number;
}

const string = (length: number, nullable = false) => ({ type: 'string', length, nullable }) as const;

export const IndexedRecordSchema = new EntitySchema<IndexedRecord>({
  class: IndexedRecord,
  tableName: 'inventory_record',
  properties: {
    id: { ...string(64), primary: true },
    tutelle: string(8),
    inventoryNumber: string(40, true),
    designation: string(200),
    details: string(200, true),
    manufacturer: string(120, true),
    manufacturerNormalized: string(120, true),
    model: string(120, true),
    serialNumber: string(60, true),
    serialNumberNormalized: string(60, true),
    commissioningDate: string(10, true),
    valueHTCents: { type: new BigIntType('number'), fieldName: 'value_ht_cents' },
    usefulLifeYears: { type: 'integer', nullable: true },
    unitCode: string(24, true),
    costCentre: string(24, true),
    status: string(16),
    additionCount: { type: 'integer' },
    contentHash: string(64),
    seenRun: { type: 'integer' },
    removed: { type: 'boolean' },
    updatedAt: string(30),
  },
});

export const SyncStateSchema = new EntitySchema<SyncState>({
  class: SyncState,
  tableName: 'inventory_sync_state',
  properties: {
    tutelle: { ...string(8), primary: true },
    run: { type: 'integer' },
    cursor: string(200, true),
    changedSince: string(30, true),
    pendingChangedUpTo: string(30, true),
    startedAt: string(30, true),
    finishedAt: string(30, true),
  },
});

export const EquipmentRowSchema = new EntitySchema<EquipmentRow>({
  class: EquipmentRow,
  tableName: 'equipment',
  properties: {
    id: { ...string(80), primary: true },
    designation: string(200),
    manufacturer: string(120, true),
    model: string(120, true),
    serialNumber: string(60, true),
    platformCode: string(40, true),
    unitCode: string(24, true),
    tutelles: { type: 'json' },
    recordIds: { type: 'json' },
    valueHTCents: { type: new BigIntType('number'), fieldName: 'value_ht_cents' },
    shares: { type: 'json' },
    commissioningDate: string(10, true),
    status: string(16),
    confidence: { type: 'double', nullable: true },
    confirmed: { type: 'boolean' },
  },
});

export const EquipmentLinkSchema = new EntitySchema<EquipmentLink>({
  class: EquipmentLink,
  tableName: 'equipment_link',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    equipmentId: string(80, true),
    recordA: string(64),
    recordB: string(64),
    probability: { type: 'double', nullable: true },
    weight: { type: 'double', nullable: true },
    evidence: { type: 'json' },
    decided: { type: 'boolean' },
  },
});

export const InventoryDecisionSchema = new EntitySchema<InventoryDecision>({
  class: InventoryDecision,
  tableName: 'inventory_decision',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    kind: string(8),
    decidedBy: string(120),
    decidedAt: string(30),
    equipmentIds: { type: 'json' },
    recordIds: { type: 'json' },
    previous: { type: 'json' },
  },
});

export const MatchConstraintSchema = new EntitySchema<MatchConstraint>({
  class: MatchConstraint,
  tableName: 'inventory_constraint',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    kind: string(8),
    recordA: string(64),
    recordB: string(64),
    decisionId: { type: 'integer' },
  },
});

/** One row: bumped by every reconciliation, so readers can cache the equipment and notice a new one cheaply. */
export class InventoryVersion {
  id!: number;
  version!: number;
  reconciledAt: string | null = null;
  /** The last reconciliation's figures: records, candidate pairs, milliseconds. */
  stats: Record<string, unknown> = {};
}

export const InventoryVersionSchema = new EntitySchema<InventoryVersion>({
  class: InventoryVersion,
  tableName: 'inventory_version',
  properties: {
    id: { type: 'integer', primary: true },
    version: { type: 'integer' },
    reconciledAt: string(30, true),
    stats: { type: 'json' },
  },
});

export const INVENTORY_ENTITIES = [
  InventoryVersionSchema,
  IndexedRecordSchema,
  SyncStateSchema,
  EquipmentRowSchema,
  EquipmentLinkSchema,
  InventoryDecisionSchema,
  MatchConstraintSchema,
];

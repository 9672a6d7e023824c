import { Collection, EntitySchema } from '@mikro-orm/core';

/*
 * The site registry (INFRA+ cartography) as the hub stores it. Defined with EntitySchema rather than
 * decorators: no reflection metadata needed, whatever compiles the code.
 */

export class Platform {
  code!: string;
  name!: string;
  units: string[] = [];
  tutelles: string[] = [];
  themes: string[] = [];
  description: string | null = null;
  labelStatus!: 'labelled' | 'in_progress' | 'none';
  labelGranted: string | null = null;
  labelNextReview: string | null = null;
  labelLastReview: string | null = null;
  contactName: string | null = null;
  contactEmail: string | null = null;
  costCentres = new Collection<PlatformCostCentre>(this);
  staff = new Collection<PlatformStaff>(this);
  services = new Collection<PlatformService>(this);
  /** Bumped by every change (edit or load): an edit names the version it was made on. */
  version = 1;
}

export class PlatformCostCentre {
  id!: number;
  platform!: Platform;
  tutelle!: string;
  code!: string;
}

export class PlatformStaff {
  id!: number;
  platform!: Platform;
  tutelle!: string;
  /** The person's id in their tutelle's HR system (UL matricule, CNRS id_agent...). */
  personId!: string;
  /** Share of the person's time on the platform, 0 < share ≤ 1. */
  share!: number;
}

export type PublishedPrices = Record<string, Partial<Record<'internal' | 'external' | 'private', number>>>;

export class PlatformService {
  id!: number;
  platform!: Platform;
  code!: string;
  name!: string;
  unit!: 'hour' | 'sample' | 'day' | 'run';
  yearlyVolume!: number;
  staffHoursPerUnit!: number;
  equipmentHoursPerUnit!: number;
  /** Prices each tutelle publishes today, euros HT per unit, where known. */
  currentPrices: PublishedPrices = {};
}

const child = (tableName: string) => ({
  tableName,
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    platform: { kind: 'm:1', entity: () => Platform, fieldName: 'platform_code', deleteRule: 'cascade' },
  },
});

export const PlatformSchema = new EntitySchema<Platform>({
  class: Platform,
  tableName: 'platform',
  properties: {
    code: { type: 'string', primary: true, length: 40 },
    name: { type: 'string', length: 200 },
    units: { type: 'json' },
    tutelles: { type: 'json' },
    themes: { type: 'json' },
    description: { type: 'text', nullable: true },
    labelStatus: { type: 'string', length: 16 },
    labelGranted: { type: 'string', length: 10, nullable: true },
    labelNextReview: { type: 'string', length: 10, nullable: true },
    labelLastReview: { type: 'string', length: 10, nullable: true },
    contactName: { type: 'string', length: 120, nullable: true },
    contactEmail: { type: 'string', length: 120, nullable: true },
    costCentres: { kind: '1:m', entity: () => PlatformCostCentre, mappedBy: 'platform', orphanRemoval: true },
    staff: { kind: '1:m', entity: () => PlatformStaff, mappedBy: 'platform', orphanRemoval: true },
    services: { kind: '1:m', entity: () => PlatformService, mappedBy: 'platform', orphanRemoval: true },
    version: { type: 'integer', default: 1 },
  },
});

export const PlatformCostCentreSchema = new EntitySchema<PlatformCostCentre>({
  class: PlatformCostCentre,
  ...child('platform_cost_centre'),
  properties: {
    ...child('').properties,
    tutelle: { type: 'string', length: 8 },
    code: { type: 'string', length: 24 },
  },
});

export const PlatformStaffSchema = new EntitySchema<PlatformStaff>({
  class: PlatformStaff,
  ...child('platform_staff'),
  properties: {
    ...child('').properties,
    tutelle: { type: 'string', length: 8 },
    personId: { type: 'string', length: 24 },
    share: { type: 'double' },
  },
});

export const PlatformServiceSchema = new EntitySchema<PlatformService>({
  class: PlatformService,
  ...child('platform_service'),
  properties: {
    ...child('').properties,
    code: { type: 'string', length: 40 },
    name: { type: 'string', length: 200 },
    unit: { type: 'string', length: 8 },
    yearlyVolume: { type: 'double' },
    staffHoursPerUnit: { type: 'double' },
    equipmentHoursPerUnit: { type: 'double' },
    currentPrices: { type: 'json' },
  },
});

/** One row: bumped by every load, so readers can cache the registry and notice a new one cheaply. */
export class RegistryVersion {
  id!: number;
  version!: number;
  loadedAt: string | null = null;
}

export const RegistryVersionSchema = new EntitySchema<RegistryVersion>({
  class: RegistryVersion,
  tableName: 'registry_version',
  properties: {
    id: { type: 'integer', primary: true },
    version: { type: 'integer' },
    loadedAt: { type: 'string', length: 30, nullable: true },
  },
});

/** One change of a platform: who, when, how, and each field before and after (JSON). */
export class PlatformChangeRow {
  id!: number;
  platformCode!: string;
  version!: number;
  at!: string;
  author!: string;
  action!: string;
  changes: Array<{ field: string; before: string | null; after: string | null }> = [];
}

export const PlatformChangeSchema = new EntitySchema<PlatformChangeRow>({
  class: PlatformChangeRow,
  tableName: 'platform_change',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    // Not a foreign key: a platform's history outlives its removal from the registry.
    platformCode: { type: 'string', length: 40 },
    version: { type: 'integer' },
    at: { type: 'string', length: 30 },
    author: { type: 'string', length: 200 },
    action: { type: 'string', length: 20 },
    changes: { type: 'json' },
  },
});

export const REGISTRY_ENTITIES = [
  PlatformChangeSchema,
  PlatformSchema,
  PlatformCostCentreSchema,
  PlatformStaffSchema,
  PlatformServiceSchema,
  RegistryVersionSchema,
];

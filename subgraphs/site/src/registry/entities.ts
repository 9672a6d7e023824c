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
  labelStatus!: 'labelled' | 'in_progress' | 'none';
  labelGranted: string | null = null;
  labelNextReview: string | null = null;
  contactName: string | null = null;
  contactEmail: string | null = null;
  costCentres = new Collection<PlatformCostCentre>(this);
  staff = new Collection<PlatformStaff>(this);
  services = new Collection<PlatformService>(this);
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
    labelStatus: { type: 'string', length: 16 },
    labelGranted: { type: 'string', length: 10, nullable: true },
    labelNextReview: { type: 'string', length: 10, nullable: true },
    contactName: { type: 'string', length: 120, nullable: true },
    contactEmail: { type: 'string', length: 120, nullable: true },
    costCentres: { kind: '1:m', entity: () => PlatformCostCentre, mappedBy: 'platform', orphanRemoval: true },
    staff: { kind: '1:m', entity: () => PlatformStaff, mappedBy: 'platform', orphanRemoval: true },
    services: { kind: '1:m', entity: () => PlatformService, mappedBy: 'platform', orphanRemoval: true },
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

export const REGISTRY_ENTITIES = [
  PlatformSchema,
  PlatformCostCentreSchema,
  PlatformStaffSchema,
  PlatformServiceSchema,
  RegistryVersionSchema,
];

import type { ChruRows } from '@hub/connector-chru/testing';
import type { CnrsRows } from '@hub/connector-cnrs/testing';
import type { InraeRows } from '@hub/connector-inrae/testing';
import type { UlRows } from '@hub/connector-ul/testing';
import type { Tutelle } from '@hub/schema';
import type { Domain } from './catalog';

/*
 * What the generator produces. Source rows carry exactly the columns docs/SOURCES.md gives each source, named
 * as the source names them, so writing them out (SQL, XLSX, CSV, JSON API) is a matter of format, not
 * content. Each tutelle's row types live beside its connector (`@hub/connector-<t>/testing`).
 */

export type {
  ChruDepense,
  ChruEquipement,
  ChruPersonnel,
  ChruRows,
} from '@hub/connector-chru/testing';
export type { CnrsAgent, CnrsDepense, CnrsInventaire, CnrsRows } from '@hub/connector-cnrs/testing';
export type {
  Cell,
  InraeAgent,
  InraeDepense,
  InraeEquipement,
  InraeRows,
} from '@hub/connector-inrae/testing';
export type {
  UlAffectation,
  UlAgent,
  UlDepense,
  UlImmobilisation,
  UlRows,
} from '@hub/connector-ul/testing';

/** The tutelles the demo generator makes: the four of docs/SOURCES.md (a tutelle added later ships its own sample). */
export type TutelleCode = `${Tutelle.UL | Tutelle.CNRS | Tutelle.INRAE | Tutelle.CHRU}`;

// ---- The site registry, in the shape of docs/SOURCES.md's YAML.
export type ServiceUnit = 'hour' | 'sample' | 'day' | 'run';

export interface PublishedPrices {
  internal: number;
  external: number;
  private?: number;
}

export interface RegistryService {
  code: string;
  name: string;
  unit: ServiceUnit;
  yearlyVolume: number;
  staffHoursPerUnit: number;
  equipmentHoursPerUnit: number;
  currentPrices: Partial<Record<TutelleCode, PublishedPrices>>;
}

export interface RegistryPlatform {
  code: string;
  name: string;
  units: string[];
  tutelles: TutelleCode[];
  themes: string[];
  /** `granted`, `lastReview` (null: none held yet) and `nextReview` only where a label was granted. */
  label: {
    status: 'labelled' | 'in_progress' | 'none';
    granted?: string;
    lastReview?: string | null;
    nextReview?: string;
  };
  contact: { name: string; email: string };
  costCentres: Record<TutelleCode, string[]>;
  staff: Array<{ tutelle: TutelleCode; id: string; share: number }>;
  services: RegistryService[];
}

// ---- Ground truth: what reconciliation should find.
export type InstrumentStatus = 'in_service' | 'broken' | 'disposed';

/** Each tutelle's record of an instrument, by the key(s) its source uses. */
export interface InstrumentRecords {
  UL?: { num_immo: string };
  CNRS?: { id: number; num_inventaire: string };
  INRAE?: { 'N° inventaire': string };
  CHRU?: { id: string };
}

export interface TruthInstrument {
  id: string;
  platform: string;
  kind: string;
  designation: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  commissioned: string;
  status: InstrumentStatus;
  disposed: string | null;
  /** Price HT, upgrades included: the sum of `shares`. */
  priceHT: number;
  /** Each co-funder's share of the price, HT. */
  shares: Partial<Record<TutelleCode, number>>;
  records: InstrumentRecords;
}

export interface SiteTotals {
  instruments: number;
  /** Not disposed: a broken instrument is still on every inventory. */
  instrumentsInService: number;
  /** Of the instruments in service. */
  valueHT: number;
  valueHTByTutelle: Record<TutelleCode, number>;
}

export interface Unit {
  code: string;
  acronym: string;
  tutelles: TutelleCode[];
  domain: Domain;
  /** Where it is: a platform code may end with it ('MEB-METZ'). */
  site: string;
}

export interface DemoSite {
  seed: number;
  scale: number;
  /** The day the extraction is taken: disposals before it, expenses in the three years up to it. */
  asOf: string;
  units: Unit[];
  registry: { platforms: RegistryPlatform[] };
  ul: UlRows;
  cnrs: CnrsRows;
  inrae: InraeRows;
  chru: ChruRows;
  truth: { instruments: TruthInstrument[]; totals: SiteTotals };
}

import type { EquipmentStatus, ExpenseNature, Tutelle } from '@hub/schema';
import type { Exact } from './exact';

/*
 * What the model computes from: a platform's records for one year, gathered across its tutelles (see
 * ../cost-base). Plain data, money already exact: the model does no I/O.
 */

/** The six kinds of cost a tariff is made of. */
export enum CostComponent {
  CONSUMABLES = 'consumables',
  MAINTENANCE = 'maintenance',
  FLUIDS = 'fluids',
  SMALL_EQUIPMENT = 'smallEquipment',
  STAFF = 'staff',
  DEPRECIATION = 'depreciation',
}

/** What a cost is split between a platform's services by. */
export enum AllocationKey {
  /** yearlyVolume × staffHoursPerUnit */
  STAFF_HOURS = 'staffHours',
  /** yearlyVolume × equipmentHoursPerUnit */
  EQUIPMENT_HOURS = 'equipmentHours',
  /** yearlyVolume */
  VOLUME = 'volume',
}

/** One tutelle's record of one asset on one of the platform's cost centres. */
export interface CostRecord {
  id: string;
  tutelle: Tutelle;
  designation: string;
  manufacturerNormalized: string | null;
  serialNumberNormalized: string | null;
  commissioningDate: string | null;
  valueHT: Exact;
  usefulLifeYears: number | null;
  costCentre: string | null;
  status: EquipmentStatus;
}

export interface CostAssignment {
  start: string;
  end: string | null;
  /** Loaded yearly cost; null where the HR source has none. */
  yearlyCost: Exact | null;
}

/** A person of the registry's staff list, with what their tutelle's HR records say (null: not found). */
export interface CostStaff {
  tutelle: Tutelle;
  /** Hub id, 'UL:00123456'. */
  id: string;
  /** Share of their time on the platform (registry). */
  share: number;
  assignments: CostAssignment[] | null;
}

export interface CostExpense {
  id: string;
  tutelle: Tutelle;
  date: string;
  nature: ExpenseNature;
  /** The source's account or nature code, as recorded. */
  account: string | null;
  label: string | null;
  costCentre: string | null;
  amountHT: Exact;
}

export interface PlatformCostBase {
  platform: string;
  year: number;
  records: CostRecord[];
  staff: CostStaff[];
  expenses: CostExpense[];
}

/** A service as the allocation needs it (registry). */
export interface ServiceVolumes {
  code: string;
  name: string;
  unit: string;
  yearlyVolume: number;
  staffHoursPerUnit: number;
  equipmentHoursPerUnit: number;
}

import { ExpenseNature, type Tutelle } from '@hub/schema';
import { dayNumber, overlapDays, yearRange, yearsAfter } from '../../calendar';
import {
  CostComponent,
  type CostExpense,
  type CostRecord,
  type CostStaff,
  type PlatformCostBase,
} from './cost-base';
import { Exact } from './exact';
import type { InstrumentGroup } from './instruments';

/*
 * A platform's yearly cost base, by component: depreciation of its instruments, its staff's time, its
 * running costs by nature. Exact throughout; each figure keeps the source lines it came from.
 */

/** A simulated renewal: the instrument replaced on 1 January of the year by one worth `valueHT`. */
export interface Renewal {
  valueHT: Exact;
  /** The new instrument's useful life; the old one's when not given. */
  usefulLifeYears: number | null;
}

export interface InstrumentCost {
  key: string;
  records: CostRecord[];
  /** The sum of its records' shares, HT. */
  valueHT: Exact;
  /** The longest life its records give, or the policy's default. */
  usefulLifeYears: number;
  /** The earliest commissioning date of its records. */
  commissioningDate: string | null;
  /** The day after its useful life ends. */
  lifeEnds: string | null;
  /** Days of the year within its useful life. */
  daysInLife: number;
  depreciation: Exact;
  /** Its useful life ends within the year or has ended: to be renewed. */
  renewalDue: boolean;
  renewal: Renewal | null;
  /** What the figure assumes where the records are silent. */
  assumptions: string[];
}

export interface StaffCostLine {
  tutelle: Tutelle;
  id: string;
  share: number;
  /** Found in the tutelle's HR records. */
  found: boolean;
  /** Days of the year under an assignment (summed over assignments). */
  days: number;
  /** Loaded cost × share × days / days in the year, summed over assignments. */
  cost: Exact;
  assumptions: string[];
}

export interface TutelleAmount {
  tutelle: Tutelle;
  amount: Exact;
}

export interface ComponentCost {
  component: CostComponent;
  total: Exact;
  byTutelle: TutelleAmount[];
  instruments: InstrumentCost[];
  staff: StaffCostLine[];
  expenses: CostExpense[];
}

export interface PlatformCosts {
  year: number;
  components: ComponentCost[];
  /**
   * The fewest people whose costs make one tutelle's part of the staff cost (null without staff costs):
   * below a few, an aggregate is an individual's salary.
   */
  smallestStaffGroup: number | null;
  /** Expenses of natures no tariff pays (travel, other). */
  excludedExpenses: CostExpense[];
  /** The accounts of the year's expenses that the chart of accounts does not class, with their totals. */
  unmappedAccounts: UnmappedAccount[];
}

/** An account the chart of accounts does not know: its expenses are in no price until it is classed. */
export interface UnmappedAccount {
  tutelle: Tutelle;
  account: string;
  lines: number;
  amountHT: Exact;
}

/** What tells a mapped account from an unmapped one (the site's chart of accounts). */
export interface AccountClasses {
  natureOf(account: string): ExpenseNature | null;
}

/** The OTHER expenses whose account the chart does not class, by tutelle and account. */
function unmappedAccounts(expenses: readonly CostExpense[], chart: AccountClasses): UnmappedAccount[] {
  const byAccount = new Map<string, UnmappedAccount>();
  for (const e of expenses) {
    if (e.nature !== ExpenseNature.OTHER || (e.account != null && chart.natureOf(e.account) != null))
      continue;
    const account = e.account ?? '';
    const key = `${e.tutelle}:${account}`;
    const line = byAccount.get(key) ?? { tutelle: e.tutelle, account, lines: 0, amountHT: Exact.ZERO };
    byAccount.set(key, { ...line, lines: line.lines + 1, amountHT: line.amountHT.plus(e.amountHT) });
  }
  return [...byAccount.values()];
}

export const NATURE_COMPONENT: Partial<Record<ExpenseNature, CostComponent>> = {
  [ExpenseNature.CONSUMABLES]: CostComponent.CONSUMABLES,
  [ExpenseNature.MAINTENANCE]: CostComponent.MAINTENANCE,
  [ExpenseNature.FLUIDS]: CostComponent.FLUIDS,
  [ExpenseNature.SMALL_EQUIPMENT]: CostComponent.SMALL_EQUIPMENT,
};

/**
 * Straight-line depreciation of one instrument for a year: value HT / useful life, for the days of the year
 * within its life (prorata temporis), nothing after it ends. A co-owned instrument is depreciated once, on
 * the sum of its shares, from its earliest commissioning date over the longest life its records give.
 */
export function depreciate(
  group: InstrumentGroup,
  year: number,
  defaultLifeYears: number,
  renewal: Renewal | null = null,
): InstrumentCost {
  const range = yearRange(year);
  const assumptions: string[] = [];
  const lives = group.records.map((r) => r.usefulLifeYears).filter((l): l is number => l != null && l > 0);
  let life = lives.length > 0 ? Math.max(...lives) : defaultLifeYears;
  if (lives.length === 0) assumptions.push(`no useful life recorded: ${defaultLifeYears} years (policy)`);
  const dates = group.records.map((r) => r.commissioningDate).filter((d): d is string => d != null);
  let commissioningDate = dates.length > 0 ? dates.sort()[0]! : null;
  let valueHT = Exact.sum(group.records.map((r) => r.valueHT));
  if (renewal) {
    valueHT = renewal.valueHT;
    life = renewal.usefulLifeYears ?? life;
    commissioningDate = `${year}-01-01`;
    assumptions.push(`simulated renewal on ${commissioningDate}`);
  }
  const annual = valueHT.div(life);
  const within = {
    days: range.days,
    depreciation: annual,
    lifeEnds: null as string | null,
    renewalDue: false,
  };
  if (commissioningDate == null) {
    assumptions.push('no commissioning date: depreciated for the whole year');
  } else {
    within.lifeEnds = yearsAfter(commissioningDate, life);
    const end = dayNumber(within.lifeEnds);
    within.days = overlapDays(dayNumber(commissioningDate), end, range.from, range.to);
    within.depreciation = annual.times(Exact.of(BigInt(within.days), BigInt(range.days)));
    within.renewalDue = end <= range.to;
  }
  return {
    key: group.key,
    records: group.records,
    valueHT,
    usefulLifeYears: life,
    commissioningDate,
    lifeEnds: within.lifeEnds,
    daysInLife: within.days,
    depreciation: within.depreciation,
    renewalDue: within.renewalDue,
    renewal,
    assumptions,
  };
}

/**
 * A person's cost to the platform for a year: for each assignment, loaded yearly cost × share of their time
 * on the platform × days of the year assigned / days in the year. Whichever tutelle employs them.
 */
export function staffCost(person: CostStaff, year: number): StaffCostLine {
  const range = yearRange(year);
  const assumptions: string[] = [];
  let cost = Exact.ZERO;
  let days = 0;
  if (person.assignments == null) assumptions.push(`not found in ${person.tutelle}'s HR records: counted 0`);
  for (const a of person.assignments ?? []) {
    // Assignment dates are inclusive: the day after its end is where it stops.
    const end = a.end == null ? range.to : dayNumber(a.end) + 1;
    const assigned = overlapDays(dayNumber(a.start), end, range.from, range.to);
    if (assigned === 0) continue;
    days += assigned;
    if (a.yearlyCost == null) {
      assumptions.push(`an assignment from ${a.start} without a loaded cost: counted 0`);
      continue;
    }
    cost = cost.plus(a.yearlyCost.times(person.share).times(Exact.of(BigInt(assigned), BigInt(range.days))));
  }
  return {
    tutelle: person.tutelle,
    id: person.id,
    share: person.share,
    found: person.assignments != null,
    days,
    cost,
    assumptions,
  };
}

function byTutelle(amounts: Iterable<TutelleAmount>): TutelleAmount[] {
  const totals = new Map<Tutelle, Exact>();
  for (const { tutelle, amount } of amounts)
    totals.set(tutelle, (totals.get(tutelle) ?? Exact.ZERO).plus(amount));
  return [...totals].map(([tutelle, amount]) => ({ tutelle, amount }));
}

/** The share of an instrument's depreciation each record's tutelle bears: in proportion to its value. */
function depreciationShares(instrument: InstrumentCost): TutelleAmount[] {
  if (instrument.renewal || instrument.valueHT.isZero()) {
    return instrument.records
      .slice(0, 1)
      .map((r) => ({ tutelle: r.tutelle, amount: instrument.depreciation }));
  }
  return instrument.records.map((r) => ({
    tutelle: r.tutelle,
    amount: instrument.depreciation.times(r.valueHT).div(instrument.valueHT),
  }));
}

export function platformCosts(
  base: PlatformCostBase,
  instruments: readonly InstrumentGroup[],
  options: { defaultLifeYears: number; renewals?: ReadonlyMap<string, Renewal>; chart: AccountClasses },
): PlatformCosts {
  const depreciation = instruments.map((group) =>
    depreciate(group, base.year, options.defaultLifeYears, options.renewals?.get(group.key) ?? null),
  );
  const staff = base.staff.map((person) => staffCost(person, base.year));
  const inYear = base.expenses.filter((e) => e.date.startsWith(`${base.year}-`));
  const component = (c: CostComponent, parts: Partial<ComponentCost>, amounts: TutelleAmount[]) => ({
    component: c,
    total: Exact.sum(amounts.map((a) => a.amount)),
    byTutelle: byTutelle(amounts),
    instruments: [],
    staff: [],
    expenses: [],
    ...parts,
  });
  const components = Object.values(CostComponent).map((c): ComponentCost => {
    if (c === CostComponent.DEPRECIATION) {
      return component(c, { instruments: depreciation }, depreciation.flatMap(depreciationShares));
    }
    if (c === CostComponent.STAFF) {
      return component(
        c,
        { staff },
        staff.map((s) => ({ tutelle: s.tutelle, amount: s.cost })),
      );
    }
    const expenses = inYear.filter((e) => NATURE_COMPONENT[e.nature] === c);
    return component(
      c,
      { expenses },
      expenses.map((e) => ({ tutelle: e.tutelle, amount: e.amountHT })),
    );
  });
  const paid = new Map<Tutelle, number>();
  for (const line of staff)
    if (!line.cost.isZero()) paid.set(line.tutelle, (paid.get(line.tutelle) ?? 0) + 1);
  return {
    year: base.year,
    components,
    smallestStaffGroup: paid.size === 0 ? null : Math.min(...paid.values()),
    excludedExpenses: inYear.filter((e) => NATURE_COMPONENT[e.nature] == null),
    unmappedAccounts: unmappedAccounts(inYear, options.chart),
  };
}

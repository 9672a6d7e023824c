import { euros, type Money, type StaffMemberReference, VatBasis } from '@hub/schema';
import type { UserCategory } from '../../graphql/types';
import type { CostExpense } from '../model/cost-base';
import type { ComponentCost, InstrumentCost, StaffCostLine as StaffCostModel } from '../model/costs';
import type { DivergenceLine, DivergenceSummary } from '../model/divergence';
import { Exact } from '../model/exact';
import type { CategoryPrice, PlatformTariffs } from '../model/tariffs';
import type { TariffPolicy, UserCategoryName } from '../policy/schema';
import type {
  InstrumentDepreciation,
  PlatformComponentCost,
  TariffCategoryRules,
  TariffDivergenceLine,
  TariffDivergenceSummary,
  TariffExpenseLine,
  TariffGrid,
  TariffPrice,
} from './types';

/* From the model's exact figures to the graph's: amounts shown to the cent, prices as rounded once. */

const money = (x: Exact): Money => euros(x.toEuros(), VatBasis.HT);
const cents = (c: bigint, basis = VatBasis.HT, vatRate: number | null = null): Money =>
  euros(Number(c) / 100, basis, vatRate);

export function categoryRules(
  category: UserCategoryName,
  policy: TariffPolicy,
  overheadRate = policy.overheadRate,
): TariffCategoryRules {
  const rules = policy.categories[category];
  return {
    category: category as UserCategory,
    description: rules.description,
    components: rules.components,
    overheadRate: rules.overhead ? overheadRate : null,
    marginRate: rules.marginRate,
    vatRate: rules.vat ? policy.vatRate : null,
    rounding: `${policy.rounding.mode} to ${policy.rounding.step.toFixed(2)} €`,
  };
}

function priceView(price: CategoryPrice, policy: TariffPolicy, overheadRate: number): TariffPrice {
  return {
    category: price.category as UserCategory,
    priceHT: cents(price.priceHTCents),
    vat: price.vatCents == null ? null : cents(price.vatCents, VatBasis.HT, policy.vatRate),
    priceTTC: price.priceTTCCents == null ? null : cents(price.priceTTCCents, VatBasis.TTC, policy.vatRate),
    rules: categoryRules(price.category, policy, overheadRate),
  };
}

function instrumentView(i: InstrumentCost): InstrumentDepreciation {
  return {
    key: i.key,
    records: i.records.map((r) => ({ id: r.id, tutelle: r.tutelle })),
    valueHT: money(i.valueHT),
    usefulLifeYears: i.usefulLifeYears,
    commissioningDate: i.commissioningDate,
    lifeEnds: i.lifeEnds,
    daysInLife: i.daysInLife,
    depreciation: money(i.depreciation),
    renewalDue: i.renewalDue,
    simulatedRenewal: i.renewal != null,
    assumptions: i.assumptions,
  };
}

const expenseView = (e: CostExpense): TariffExpenseLine => ({ ...e, amountHT: money(e.amountHT) });

/** The registry's references to the platform's staff, by id: with the platforms each works on. */
export type StaffReferences = ReadonlyMap<string, StaffMemberReference>;

// The member's `platforms` come along: the tutelle judges a platform manager's scope on them.
const staffView = (s: StaffCostModel, staff: StaffReferences) => ({
  member: s.found ? (staff.get(s.id) ?? { id: s.id, tutelle: s.tutelle, platforms: [] }) : null,
  tutelle: s.tutelle,
  share: s.share,
  days: s.days,
  cost: money(s.cost),
  assumptions: s.assumptions,
});

function componentView(c: ComponentCost, staff: StaffReferences): PlatformComponentCost {
  return {
    component: c.component,
    total: money(c.total),
    byTutelle: c.byTutelle.map((t) => ({ tutelle: t.tutelle, amount: money(t.amount) })),
    instruments: c.instruments.map(instrumentView),
    expenses: c.expenses.map(expenseView),
    staff: c.staff.map((line) => staffView(line, staff)),
  };
}

export function gridView(
  tariffs: PlatformTariffs,
  policy: TariffPolicy,
  staff: StaffReferences = new Map(),
): TariffGrid {
  const components = tariffs.costs.components.map((c) => componentView(c, staff));
  const byComponent = new Map(components.map((c) => [c.component, c]));
  const depreciation = tariffs.costs.components.flatMap((c) => c.instruments);
  return {
    platformCode: tariffs.platform,
    year: tariffs.year,
    policyVersion: tariffs.policyVersion,
    overheadRate: tariffs.overheadRate,
    simulated: tariffs.simulated,
    smallestStaffGroup: tariffs.costs.smallestStaffGroup,
    costBase: {
      components,
      total: money(Exact.sum(tariffs.costs.components.map((c) => c.total))),
      unallocated: tariffs.unallocated,
      renewalsDue: depreciation.filter((i) => i.renewalDue).map(instrumentView),
      excludedExpenses: tariffs.costs.excludedExpenses.map(expenseView),
      unmappedAccounts: tariffs.costs.unmappedAccounts.map((a) => ({ ...a, amountHT: money(a.amountHT) })),
    },
    services: tariffs.services.map(({ service, allocations, prices }) => ({
      platformCode: tariffs.platform,
      smallestStaffGroup: tariffs.costs.smallestStaffGroup,
      code: service.code,
      name: service.name,
      unit: service.unit as TariffGrid['services'][number]['unit'],
      prices: (prices ?? []).map((p) => priceView(p, policy, tariffs.overheadRate)),
      note: prices ? null : 'no yearly volume: no unit to price',
      breakdown: {
        components: allocations.map((a) => ({
          component: a.component,
          allocationKey: a.key,
          serviceUnits: a.serviceUnits.toNumber(),
          totalUnits: a.totalUnits.toNumber(),
          allocated: money(a.allocated),
          perUnit: a.perUnit ? money(a.perUnit) : null,
          platformCost: byComponent.get(a.component)!,
        })),
        categories: (prices ?? []).map((p) => ({
          category: p.category as UserCategory,
          cost: money(p.cost),
          overhead: money(p.overhead),
          margin: money(p.margin),
          unrounded: money(p.unrounded),
          priceHT: cents(p.priceHTCents),
        })),
      },
    })),
  };
}

const percent = (ratio: number | null) => (ratio == null ? null : Math.round(ratio * 10_000) / 100);

export function divergenceLineView(l: DivergenceLine): TariffDivergenceLine {
  return {
    platformCode: l.platform,
    serviceCode: l.service,
    serviceName: l.serviceName,
    tutelle: l.tutelle,
    category: l.category as UserCategory,
    published: cents(l.publishedCents),
    singleTariff: cents(l.singleCents),
    gap: cents(l.gapCents),
    gapPercent: percent(l.gapRatio),
    yearlyVolume: l.yearlyVolume,
    yearlyGap: money(l.yearlyGap),
  };
}

export function summaryView(s: DivergenceSummary): TariffDivergenceSummary {
  return {
    comparisons: s.comparisons,
    meanGapPercent: percent(s.meanGapRatio),
    meanAbsoluteGapPercent: percent(s.meanAbsoluteGapRatio),
    beyondTenPercent: s.beyondTenPercent,
    yearlyGap: money(s.yearlyGap),
  };
}

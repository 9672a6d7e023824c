import { defaultChartOfAccounts } from '@hub/source-kit';
import type { TariffCategoryPolicy, TariffPolicy, UserCategoryName } from '../policy/schema';
import { AllocationKey, type CostComponent, type PlatformCostBase, type ServiceVolumes } from './cost-base';
import { type PlatformCosts, platformCosts, type Renewal } from './costs';
import { Exact } from './exact';
import { groupBySerialAndMaker, type InstrumentGroup } from './instruments';

/*
 * From a platform's cost base to its tariff grid: each cost split between the services by its allocation
 * key, a unit cost per service, then a price per user category by the policy. Exact until the price,
 * rounded once by the policy's rule; VAT is then computed on that price and rounded to the cent.
 */

/** "What if": nothing is stored, the figures are computed as if. */
export interface TariffSimulation {
  overheadRate?: number | null;
  /** Instruments renewed, by instrument key or the id of any of its records. */
  renewals?: ReadonlyArray<{ instrument: string; valueHT: Exact; usefulLifeYears?: number | null }>;
}

export interface ComponentAllocation {
  component: CostComponent;
  key: AllocationKey;
  /** The platform's yearly total of the component. */
  platformTotal: Exact;
  /** This service's measure of the key (hours, or units) and the platform's. */
  serviceUnits: Exact;
  totalUnits: Exact;
  /** The service's part of the yearly total. */
  allocated: Exact;
  /** Per unit of the service; null without a yearly volume. */
  perUnit: Exact | null;
}

export interface CategoryPrice {
  category: UserCategoryName;
  rules: TariffCategoryPolicy;
  /** The category's components, per unit. */
  cost: Exact;
  overhead: Exact;
  margin: Exact;
  unrounded: Exact;
  priceHTCents: bigint;
  vatCents: bigint | null;
  priceTTCCents: bigint | null;
}

export interface ServiceTariff {
  service: ServiceVolumes;
  allocations: ComponentAllocation[];
  /** Null for a service without a yearly volume: no unit to price. */
  prices: CategoryPrice[] | null;
}

export interface PlatformTariffs {
  platform: string;
  year: number;
  policyVersion: string;
  overheadRate: number;
  simulated: boolean;
  costs: PlatformCosts;
  services: ServiceTariff[];
  /** Components with costs but no service to carry them (every service's key is zero). */
  unallocated: CostComponent[];
}

export class UnknownInstrumentError extends Error {
  override name = 'UnknownInstrumentError';
}

function unitsOf(service: ServiceVolumes, key: AllocationKey): Exact {
  const volume = Exact.decimal(service.yearlyVolume);
  if (key === AllocationKey.VOLUME) return volume;
  return volume.times(
    key === AllocationKey.STAFF_HOURS ? service.staffHoursPerUnit : service.equipmentHoursPerUnit,
  );
}

export const CATEGORY_NAMES: readonly UserCategoryName[] = ['internal', 'external', 'private'];

export function computeTariffs(
  base: PlatformCostBase,
  services: readonly ServiceVolumes[],
  policy: TariffPolicy,
  options: { instruments?: readonly InstrumentGroup[]; simulation?: TariffSimulation | null } = {},
): PlatformTariffs {
  const { instruments = groupBySerialAndMaker(base.records), simulation = null } = options;
  const renewals = new Map<string, Renewal>();
  for (const r of simulation?.renewals ?? []) {
    const group = instruments.find(
      (g) => g.key === r.instrument || g.records.some((rec) => rec.id === r.instrument),
    );
    if (!group) throw new UnknownInstrumentError(`${r.instrument} is no instrument of ${base.platform}`);
    renewals.set(group.key, { valueHT: r.valueHT, usefulLifeYears: r.usefulLifeYears ?? null });
  }
  const costs = platformCosts(base, instruments, {
    defaultLifeYears: policy.depreciation.defaultUsefulLifeYears,
    renewals,
    chart: defaultChartOfAccounts(),
  });
  const overheadRate = simulation?.overheadRate ?? policy.overheadRate;
  const stepCents = Math.round(policy.rounding.step * 100);
  const unallocated: CostComponent[] = [];

  const allocations = services.map(() => [] as ComponentAllocation[]);
  for (const { component, total } of costs.components) {
    const key = policy.allocation[component];
    const units = services.map((s) => unitsOf(s, key));
    const totalUnits = Exact.sum(units);
    if (totalUnits.isZero() && !total.isZero()) unallocated.push(component);
    services.forEach((service, i) => {
      const allocated = totalUnits.isZero() ? Exact.ZERO : total.times(units[i]!).div(totalUnits);
      allocations[i]!.push({
        component,
        key,
        platformTotal: total,
        serviceUnits: units[i]!,
        totalUnits,
        allocated,
        perUnit: service.yearlyVolume > 0 ? allocated.div(service.yearlyVolume) : null,
      });
    });
  }

  const priceOf = (category: UserCategoryName, perUnit: ReadonlyMap<CostComponent, Exact>): CategoryPrice => {
    const rules = policy.categories[category];
    const cost = Exact.sum(rules.components.map((c) => perUnit.get(c) ?? Exact.ZERO));
    const overhead = rules.overhead ? cost.times(overheadRate) : Exact.ZERO;
    const margin = cost.plus(overhead).times(rules.marginRate);
    const unrounded = cost.plus(overhead).plus(margin);
    const priceHTCents = unrounded.roundTo(stepCents, policy.rounding.mode);
    const vatCents = rules.vat ? Exact.of(priceHTCents, 100n).times(policy.vatRate).roundTo(1) : null;
    return {
      category,
      rules,
      cost,
      overhead,
      margin,
      unrounded,
      priceHTCents,
      vatCents,
      priceTTCCents: vatCents == null ? null : priceHTCents + vatCents,
    };
  };

  return {
    platform: base.platform,
    year: base.year,
    policyVersion: policy.version,
    overheadRate,
    simulated:
      simulation != null && (simulation.overheadRate != null || (simulation.renewals?.length ?? 0) > 0),
    costs,
    unallocated,
    services: services.map((service, i) => {
      const perUnit = new Map(allocations[i]!.map((a) => [a.component, a.perUnit ?? Exact.ZERO]));
      return {
        service,
        allocations: allocations[i]!,
        prices: service.yearlyVolume > 0 ? CATEGORY_NAMES.map((c) => priceOf(c, perUnit)) : null,
      };
    }),
  };
}

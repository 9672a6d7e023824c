import { DateScalar, ExpenseNature, Money, SALARY_READERS, StaffMemberReference, Tutelle } from '@hub/schema';
import { Authorized, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ServiceUnit, UserCategory } from '../../graphql/types';
import { InventoryRecordReference } from '../../inventory';
import { AllocationKey, CostComponent } from '../model/cost-base';

/*
 * The tariffs in the graph. What the public sees of a grid: prices and the rules of each category. The
 * breakdown and cost base (which assets, which expenses, how costs were split) only for the central
 * services, the steering committee, admins and a platform's own managers; individual staff costs only for
 * salary readers.
 */

registerEnumType(CostComponent, {
  name: 'CostComponent',
  description:
    'A kind of cost: consumables, maintenance, fluids/energy, small equipment, staff, depreciation.',
});
registerEnumType(AllocationKey, {
  name: 'AllocationKey',
  description:
    "What a cost is split between a platform's services by: staff hours, instrument hours, volume.",
});

@ObjectType({ description: "What a user category's price includes, by the site's tariff policy." })
export class TariffCategoryRules {
  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => String)
  description!: string;

  @Field(() => [CostComponent], { description: 'The costs the price covers.' })
  components!: CostComponent[];

  @Field(() => Float, { nullable: true, description: "The site's overhead rate added, where it applies." })
  overheadRate!: number | null;

  @Field(() => Float, { description: 'Margin on cost and overhead: 0.1 = 10 %.' })
  marginRate!: number;

  @Field(() => Float, { nullable: true, description: 'VAT rate shown separately, where VAT is shown.' })
  vatRate!: number | null;

  @Field(() => String, { description: "How the price is rounded, once, at the end: 'half-up to 0.01 €'." })
  rounding!: string;
}

@ObjectType({ description: 'The single price of a service for one user category.' })
export class TariffPrice {
  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => Money, { description: 'Per unit, excluding VAT.' })
  priceHT!: Money;

  @Field(() => Money, { nullable: true, description: 'The VAT on priceHT, for categories that pay it.' })
  vat!: Money | null;

  @Field(() => Money, { nullable: true, description: 'priceHT + vat, for categories that pay VAT.' })
  priceTTC!: Money | null;

  @Field(() => TariffCategoryRules)
  rules!: TariffCategoryRules;
}

@ObjectType({ description: "A tutelle's part of a cost." })
export class TutelleCost {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => Money)
  amount!: Money;
}

@ObjectType({
  description: 'An instrument (one or several tutelles’ records of it) and its depreciation in the year.',
})
export class InstrumentDepreciation {
  @Field(() => ID, { description: "The instrument's key: the id of its first record." })
  key!: string;

  @Field(() => [InventoryRecordReference], { description: 'Its records, one per tutelle that co-owns it.' })
  records!: Array<Pick<InventoryRecordReference, 'id' | 'tutelle'>>;

  @Field(() => Money, { description: 'The sum of its records’ shares, HT.' })
  valueHT!: Money;

  @Field(() => Int, { description: 'The longest useful life its records give (or the policy’s default).' })
  usefulLifeYears!: number;

  @Field(() => DateScalar, { nullable: true, description: 'The earliest commissioning date of its records.' })
  commissioningDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day after its useful life ends.' })
  lifeEnds!: string | null;

  @Field(() => Int, { description: 'Days of the year within its useful life.' })
  daysInLife!: number;

  @Field(() => Money)
  depreciation!: Money;

  @Field(() => Boolean, { description: 'Its useful life ends within the year or has ended.' })
  renewalDue!: boolean;

  @Field(() => Boolean, { description: 'Replaced by a simulated renewal.' })
  simulatedRenewal!: boolean;

  @Field(() => [String], { description: 'What the figure assumes where the records are silent.' })
  assumptions!: string[];
}

@ObjectType({ description: 'An expense of the year on one of the platform’s cost centres.' })
export class TariffExpenseLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => ExpenseNature)
  nature!: ExpenseNature;

  @Field(() => String, { nullable: true, description: "The source's account or nature code, as recorded." })
  account!: string | null;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => String, { nullable: true })
  costCentre!: string | null;

  @Field(() => Money, { description: 'HT; negative for a credit note.' })
  amountHT!: Money;
}

@ObjectType({
  description: "A person's cost to the platform in the year. Personal data: salary readers only.",
})
export class StaffCostLine {
  @Field(() => StaffMemberReference, { nullable: true })
  member!: StaffMemberReference | null;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => Float, { description: "Share of the person's time on the platform (registry)." })
  share!: number;

  @Field(() => Int, { description: 'Days of the year under an assignment.' })
  days!: number;

  @Field(() => Money, { description: 'Loaded yearly cost × share × days assigned / days in the year.' })
  cost!: Money;

  @Field(() => [String])
  assumptions!: string[];
}

@ObjectType({ description: 'A component of a platform’s yearly cost base, with the records it comes from.' })
export class PlatformComponentCost {
  @Field(() => CostComponent)
  component!: CostComponent;

  @Field(() => Money)
  total!: Money;

  @Field(() => [TutelleCost], { description: 'Which tutelle’s records fed it, and how much.' })
  byTutelle!: TutelleCost[];

  @Field(() => [InstrumentDepreciation], { description: 'Depreciation: the instruments.' })
  instruments!: InstrumentDepreciation[];

  @Field(() => [TariffExpenseLine], { description: 'Running costs: the expenses, credit notes netted.' })
  expenses!: TariffExpenseLine[];

  @Authorized(...SALARY_READERS)
  @Field(() => [StaffCostLine], {
    nullable: true,
    description: 'Staff: each person’s cost share. Personal data: central services, steering, admins only.',
  })
  staff!: StaffCostLine[] | null;
}

@ObjectType({
  description:
    'An account the site’s chart of accounts does not class (HUB_CHART_OF_ACCOUNTS): its expenses are in no price until it is.',
})
export class UnmappedAccount {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => String, { description: 'As the source records it.' })
  account!: string;

  @Field(() => Int, { description: 'Expenses of the year booked on it.' })
  lines!: number;

  @Field(() => Money, { description: 'Their total, HT.' })
  amountHT!: Money;
}

@ObjectType({ description: 'A platform’s yearly cost base, gathered across its tutelles.' })
export class TariffCostBase {
  @Field(() => [PlatformComponentCost])
  components!: PlatformComponentCost[];

  @Field(() => Money, { description: 'The full cost: every component.' })
  total!: Money;

  @Field(() => [CostComponent], { description: 'Costs no service carries: every service’s key is zero.' })
  unallocated!: CostComponent[];

  @Field(() => [InstrumentDepreciation], {
    description: 'Instruments whose useful life ends within the year.',
  })
  renewalsDue!: InstrumentDepreciation[];

  @Field(() => [TariffExpenseLine], { description: 'Expenses no tariff covers (travel, other).' })
  excludedExpenses!: TariffExpenseLine[];

  @Field(() => [UnmappedAccount], {
    description:
      'Accounts of the year’s expenses that the chart of accounts does not class: left out of every price.',
  })
  unmappedAccounts!: UnmappedAccount[];
}

@ObjectType({ description: 'A component of a service’s unit cost: its part of the platform’s total.' })
export class AllocatedCost {
  @Field(() => CostComponent)
  component!: CostComponent;

  @Field(() => AllocationKey)
  allocationKey!: AllocationKey;

  @Field(() => Float, { description: "The service's measure of the key: hours, or units, in the year." })
  serviceUnits!: number;

  @Field(() => Float, { description: "The platform's: all its services." })
  totalUnits!: number;

  @Field(() => Money, { description: "The service's part of the platform's yearly cost." })
  allocated!: Money;

  @Field(() => Money, { nullable: true, description: 'Per unit of the service.' })
  perUnit!: Money | null;

  @Field(() => PlatformComponentCost, { description: 'The platform-wide cost, down to its records.' })
  platformCost!: PlatformComponentCost;
}

@ObjectType({ description: 'How a category’s price is built, per unit, before the one rounding.' })
export class TariffBuildUp {
  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => Money, { description: 'The components the category pays.' })
  cost!: Money;

  @Field(() => Money)
  overhead!: Money;

  @Field(() => Money)
  margin!: Money;

  @Field(() => Money, { description: 'cost + overhead + margin, shown to the cent (computed exactly).' })
  unrounded!: Money;

  @Field(() => Money, { description: 'The price: unrounded, rounded by the policy.' })
  priceHT!: Money;
}

@ObjectType({ description: 'Where a service’s price comes from.' })
export class TariffBreakdown {
  @Field(() => [AllocatedCost])
  components!: AllocatedCost[];

  @Field(() => [TariffBuildUp])
  categories!: TariffBuildUp[];
}

@ObjectType({ description: 'The single tariff of one service: a price per user category.' })
export class ServiceTariff {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ServiceUnit)
  unit!: ServiceUnit;

  @Field(() => [TariffPrice], { description: 'Empty for a service without a yearly volume.' })
  prices!: TariffPrice[];

  @Field(() => String, { nullable: true, description: 'Why a service has no price.' })
  note!: string | null;

  // Resolved by TariffResolvers, for the roles that may see it.
  breakdown?: TariffBreakdown;
  platformCode!: string;
  smallestStaffGroup!: number | null;
}

@ObjectType({
  description: 'One tariff per service, whatever the tutelle: computed from all the platform’s costs.',
})
export class TariffGrid {
  @Field(() => ID)
  platformCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: 'The tariff policy version the grid was computed with.' })
  policyVersion!: string;

  @Field(() => Float, { description: "The site's overhead rate used (simulated, where asked)." })
  overheadRate!: number;

  @Field(() => Boolean, { description: 'Computed as if (a simulation): not the published grid.' })
  simulated!: boolean;

  @Field(() => [ServiceTariff])
  services!: ServiceTariff[];

  // Resolved by TariffResolvers, for the roles that may see it.
  costBase?: TariffCostBase;
  smallestStaffGroup!: number | null;
}

@InputType({ description: 'A simulated renewal: the instrument replaced on 1 January of the year.' })
export class InstrumentRenewalInput {
  @Field(() => ID, { description: 'The instrument’s key, or the id of any of its records.' })
  instrument!: string;

  @Field(() => Float, { description: 'The new instrument’s value, HT, euros.' })
  valueHT!: number;

  @Field(() => Int, { nullable: true, description: 'Its useful life; the old instrument’s when not given.' })
  usefulLifeYears?: number | null;
}

@InputType({ description: '"What if": the grid computed as if these held. Nothing is stored.' })
export class TariffSimulationInput {
  @Field(() => Float, { nullable: true, description: "The site's overhead rate: 0.15 = 15 %." })
  overheadRate?: number | null;

  @Field(() => [InstrumentRenewalInput], { nullable: true })
  renewals?: InstrumentRenewalInput[] | null;
}

@ObjectType({ description: 'A price a tutelle publishes today against the single tariff.' })
export class TariffDivergenceLine {
  @Field(() => ID)
  platformCode!: string;

  @Field(() => ID)
  serviceCode!: string;

  @Field(() => String)
  serviceName!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => Money)
  published!: Money;

  @Field(() => Money)
  singleTariff!: Money;

  @Field(() => Money, { description: 'singleTariff − published, per unit.' })
  gap!: Money;

  @Field(() => Float, { nullable: true, description: 'The gap as a percentage of the published price.' })
  gapPercent!: number | null;

  @Field(() => Float)
  yearlyVolume!: number;

  @Field(() => Money, { description: 'The gap over the yearly volume.' })
  yearlyGap!: Money;
}

@ObjectType({ description: 'A summary of gaps.' })
export class TariffDivergenceSummary {
  @Field(() => Int)
  comparisons!: number;

  @Field(() => Float, { nullable: true, description: 'Mean gap, % of the published prices (signed).' })
  meanGapPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean absolute gap, % of the published prices.' })
  meanAbsoluteGapPercent!: number | null;

  @Field(() => Int, { description: 'Published prices more than 10 % from the single tariff.' })
  beyondTenPercent!: number;

  @Field(() => Money, { description: 'The gaps over the yearly volumes, summed.' })
  yearlyGap!: Money;
}

@ObjectType()
export class PlatformTariffDivergence {
  @Field(() => ID)
  platformCode!: string;

  @Field(() => TariffDivergenceSummary)
  summary!: TariffDivergenceSummary;

  @Field(() => [TariffDivergenceLine])
  lines!: TariffDivergenceLine[];
}

@ObjectType({
  description: 'A platform whose grid could not be computed: one of its tutelles could not be read.',
})
export class TariffUnavailable {
  @Field(() => ID)
  platformCode!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'The gaps between the prices the tutelles publish and the single tariff.' })
export class TariffDivergence {
  @Field(() => Int)
  year!: number;

  @Field(() => String)
  policyVersion!: string;

  @Field(() => TariffDivergenceSummary, { description: 'Site-wide.' })
  site!: TariffDivergenceSummary;

  @Field(() => [PlatformTariffDivergence])
  platforms!: PlatformTariffDivergence[];

  @Field(() => [TariffUnavailable])
  unavailable!: TariffUnavailable[];
}

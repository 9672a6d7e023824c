import { DateScalar, Money, Tutelle } from '@hub/schema';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LabelStatus, UserCategory } from '../../graphql/types';

/*
 * The steering committee's (CORIS) indicators and the site's figures over time. Definitions of every
 * figure: docs/HISTORY.md; each indicator carries them too, for its exports.
 */

export enum StaffGrouping {
  TUTELLE = 'TUTELLE',
  CATEGORY = 'CATEGORY',
  PLATFORM = 'PLATFORM',
}
registerEnumType(StaffGrouping, { name: 'StaffGrouping' });

export enum EquipmentGrouping {
  TUTELLE = 'TUTELLE',
  PLATFORM = 'PLATFORM',
  KIND = 'KIND',
  AGE_BAND = 'AGE_BAND',
}
registerEnumType(EquipmentGrouping, { name: 'EquipmentGrouping' });

export enum PastCoverage {
  FROM_SOURCE = 'FROM_SOURCE',
  SINCE_HUB_SYNCS = 'SINCE_HUB_SYNCS',
}
registerEnumType(PastCoverage, {
  name: 'PastCoverage',
  description:
    "FROM_SOURCE: the source's own dates rebuild the past. SINCE_HUB_SYNCS: the source keeps only today; " +
    'the past is what the hub saw at its syncs (removals dated by the sync that noticed them), nothing earlier.',
});

@ObjectType({ description: 'How far back one tutelle’s sources can tell the past.' })
export class SourceCoverage {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => PastCoverage, { description: 'Instruments: commissioning from the source; disposals…' })
  equipment!: PastCoverage;

  @Field(() => PastCoverage, { description: 'Staff: HR assignments with their start and end dates.' })
  staff!: PastCoverage;

  @Field(() => String)
  note!: string;
}

@ObjectType({
  description: 'One cell of the HR indicator. Suppressed cells (too few people) carry no figure.',
})
export class StaffIndicatorRow {
  @Field(() => String, { description: "The tutelle, category or platform code: 'UL', 'ENGINEER', 'XGAMMA'." })
  key!: string;

  @Field(() => Boolean, {
    description: 'Fewer people than the disclosure threshold, and the caller may not see it.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'People with an HR assignment in force during the year.' })
  headcount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Σ platform share × days assigned / days in the year.' })
  fte!: number | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Σ loaded yearly cost × share × days assigned / days in the year.',
  })
  payroll!: Money | null;
}

@ObjectType({ description: 'An indicator’s title and definitions, as its exports print them.' })
export class IndicatorHeading {
  @Field(() => String)
  title!: string;

  @Field(() => [String])
  definitions!: string[];
}

@ObjectType({ description: 'Consolidated HR of the platforms for a year (CORIS).' })
export class StaffIndicator {
  @Field(() => Int)
  year!: number;

  @Field(() => StaffGrouping)
  groupBy!: StaffGrouping;

  @Field(() => IndicatorHeading)
  heading!: IndicatorHeading;

  @Field(() => [StaffIndicatorRow], { description: 'The cells in key order, by pages (`first`, `after`).' })
  rows!: StaffIndicatorRow[];

  @Field(() => StaffIndicatorRow, { description: 'The site: every platform, each person once per tutelle.' })
  total!: StaffIndicatorRow;

  @Field(() => Int, {
    description: 'Disclosure threshold: cells with fewer people are suppressed for the public.',
  })
  minimumCell!: number;

  @Field(() => [SourceCoverage])
  coverage!: SourceCoverage[];
}

@ObjectType({ description: 'One cell of the equipment indicator.' })
export class EquipmentIndicatorRow {
  @Field(() => String, { description: "The tutelle, platform code, kind or age band ('0-4', '5-9'…)." })
  key!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Money, { description: 'Value HT (purchase, additions rolled in).' })
  valueHT!: Money;

  @Field(() => Money, {
    description: 'Net book value HT on the date: value less straight-line depreciation.',
  })
  netBookValueHT!: Money;
}

@ObjectType({ description: 'The equipment in service on a date, counted and valued (CORIS).' })
export class EquipmentIndicator {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => EquipmentGrouping)
  groupBy!: EquipmentGrouping;

  @Field(() => IndicatorHeading)
  heading!: IndicatorHeading;

  @Field(() => [EquipmentIndicatorRow], {
    description: 'The cells in key order, by pages (`first`, `after`).',
  })
  rows!: EquipmentIndicatorRow[];

  @Field(() => EquipmentIndicatorRow)
  total!: EquipmentIndicatorRow;

  @Field(() => [SourceCoverage])
  coverage!: SourceCoverage[];
}

@ObjectType({ description: 'Instruments reaching the end of their useful life in a year.' })
export class RenewalYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  count!: number;

  @Field(() => Money, {
    description: 'Their value HT: what renewing them like for like costs, at purchase prices.',
  })
  valueHT!: Money;
}

@ObjectType({
  description: 'The renewal forecast: instruments in service by the end of their life, by year.',
})
export class RenewalForecast {
  @Field(() => Int)
  fromYear!: number;

  @Field(() => IndicatorHeading)
  heading!: IndicatorHeading;

  @Field(() => RenewalYear, { description: 'Already past their useful life at the start of fromYear.' })
  overdue!: RenewalYear;

  @Field(() => [RenewalYear])
  years!: RenewalYear[];

  @Field(() => Int, { description: 'In service with no commissioning date or useful life: not forecast.' })
  undated!: number;
}

export enum LabelDueKind {
  REVIEW_OVERDUE = 'REVIEW_OVERDUE',
  REVIEW_DUE = 'REVIEW_DUE',
  LABEL_EXPIRED = 'LABEL_EXPIRED',
  LABEL_EXPIRING = 'LABEL_EXPIRING',
}
registerEnumType(LabelDueKind, { name: 'LabelDueKind' });

@ObjectType({ description: 'A labelled platform whose review or label falls due.' })
export class LabelDueRow {
  @Field(() => String)
  platformCode!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LabelStatus)
  status!: LabelStatus;

  @Field(() => DateScalar, { nullable: true })
  granted!: string | null;

  @Field(() => DateScalar, { nullable: true })
  lastReview!: string | null;

  @Field(() => DateScalar, { nullable: true })
  reviewDue!: string | null;

  @Field(() => DateScalar, { nullable: true })
  expires!: string | null;

  @Field(() => LabelDueKind, {
    description: 'The earliest thing due: an expired label before an overdue review.',
  })
  due!: LabelDueKind;
}

@ObjectType({ description: 'Labels due within some months, or overdue (CORIS).' })
export class LabelIndicator {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => Int)
  withinMonths!: number;

  @Field(() => IndicatorHeading)
  heading!: IndicatorHeading;

  @Field(() => [LabelDueRow], { description: 'The platforms in code order, by pages (`first`, `after`).' })
  rows!: LabelDueRow[];
}

@ObjectType({ description: 'A platform’s or the site’s figures on a date.' })
export class Figures {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => String, { nullable: true, description: 'The platform; null for the site.' })
  platformCode!: string | null;

  @Field(() => Int, { description: 'Instruments in service on the date (each once, whatever its tutelles).' })
  instruments!: number;

  @Field(() => Money)
  valueHT!: Money;

  @Field(() => Money)
  netBookValueHT!: Money;

  @Field(() => Int, { description: 'People with an HR assignment in force on the date.' })
  headcount!: number;

  @Field(() => Float, { description: 'Σ platform shares of those people.' })
  fte!: number;

  @Field(() => [SourceCoverage])
  coverage!: SourceCoverage[];
}

export enum SnapshotKind {
  SYNC = 'SYNC',
  YEAR_END = 'YEAR_END',
}
registerEnumType(SnapshotKind, { name: 'SnapshotKind' });

@ObjectType({ description: 'A service’s price for a category, as a snapshot kept it.' })
export class SnapshotPrice {
  @Field(() => String, { description: 'The service code.' })
  service!: string;

  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => Money, { description: 'Per unit, excluding VAT.' })
  priceHT!: Money;
}

@ObjectType({
  description: 'Figures the hub stored when it took them: stable whatever a source later rewrites.',
})
export class IndicatorSnapshot {
  @Field(() => String, { description: 'When it was taken, ISO 8601 UTC.' })
  takenAt!: string;

  @Field(() => SnapshotKind)
  kind!: SnapshotKind;

  @Field(() => DateScalar, { description: 'The date the figures are of (a year end: 31 December).' })
  asOf!: string;

  @Field(() => String, { nullable: true, description: 'The platform; null for the site.' })
  platformCode!: string | null;

  @Field(() => Int)
  instruments!: number;

  @Field(() => Money)
  valueHT!: Money;

  @Field(() => Int)
  headcount!: number;

  @Field(() => Float)
  fte!: number;

  @Field(() => Money, {
    description: 'Loaded yearly payroll of the people in force then, × platform shares.',
  })
  payroll!: Money;

  @Field(() => Int, { description: 'Services with a tariff.' })
  services!: number;

  @Field(() => LabelStatus, { nullable: true, description: 'The platform’s label then; null for the site.' })
  labelStatus!: LabelStatus | null;

  @Field(() => Int, { nullable: true, description: 'Labelled platforms then (the site only).' })
  labelledPlatforms!: number | null;

  @Field(() => [SnapshotPrice], {
    nullable: true,
    description:
      "The platform's prices of the year then, per service and category; null for the site, or where its costs could not be read.",
  })
  tariffs!: SnapshotPrice[] | null;
}

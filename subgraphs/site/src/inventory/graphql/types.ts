import {
  ConnectionType,
  DateScalar,
  EquipmentStatus,
  FEDERATED_TUTELLES,
  Money,
  oncePerTutelle,
  resolveTutelleType,
  TUTELLES,
  Tutelle,
} from '@hub/schema';
import {
  Directive,
  Field,
  Float,
  ID,
  InputType,
  Int,
  InterfaceType,
  ObjectType,
  registerEnumType,
} from 'type-graphql';
import { Platform } from '../../graphql/types';

/*
 * The site-wide inventory in the graph: `Equipment` (one physical instrument, its records from each
 * tutelle, value the sum of their shares), the links that joined its records with their evidence, the
 * review queue, and the back-link `InventoryRecord.equipment` the site contributes to every tutelle's type.
 */

@ObjectType('MatchEvidence', { description: "One field's part in a match score (Fellegi-Sunter)." })
export class MatchEvidenceType {
  @Field(() => String, { description: "'serialNumber', 'product', 'designation', 'location'…" })
  field!: string;

  @Field(() => String, { description: "The comparison level the two records reached: 'same', 'missing'…" })
  level!: string;

  @Field(() => Float, { description: 'log2 of the Bayes factor m/u: > 0 speaks for a match, < 0 against.' })
  bayesFactorLog2!: number;
}

@ObjectType('MatchLink', { description: 'Two records joined into one instrument, or a possible match.' })
export class MatchLinkType {
  @Field(() => ID)
  recordA!: string;

  @Field(() => ID)
  recordB!: string;

  @Field(() => Float, { nullable: true, description: 'Match probability; null where a person joined them.' })
  probability!: number | null;

  @Field(() => Float, { nullable: true, description: 'Match weight: log2 of the odds.' })
  weight!: number | null;

  @Field(() => Boolean, { description: 'Joined by a person (confirm, merge) rather than by the score.' })
  decided!: boolean;

  @Field(() => [MatchEvidenceType])
  evidence!: MatchEvidenceType[];
}

@ObjectType({ description: "A tutelle's share of an instrument's value." })
export class EquipmentShare {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => Money)
  valueHT!: Money;
}

@InterfaceType('InventoryRecord', {
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('InventoryRecord'),
})
export abstract class InventoryRecordReference {
  @Field(() => ID)
  id!: string;

  // Not a GraphQL field on the site's side: it only picks the concrete type.
  tutelle!: Tutelle;

  @Field(() => Equipment, {
    nullable: true,
    description: 'The instrument this record is part of (site inventory).',
  })
  equipment!: Equipment | null;
}

@ObjectType({
  description: 'One physical instrument of the site: every tutelle that recorded it, counted once.',
})
@Directive('@key(fields: "id")')
export class Equipment {
  @Field(() => ID, { description: "Stable while it keeps its smallest record: 'EQ-CNRS:345'." })
  id!: string;

  @Field(() => String, { description: "The main funder's designation." })
  designation!: string;

  @Field(() => String, { nullable: true, description: 'Normalised maker.' })
  manufacturer!: string | null;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true, description: 'Normalised serial number, where any record has one.' })
  serialNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The platform's code, from its records' cost centres.",
  })
  platformCode!: string | null;

  @Field(() => Platform, { nullable: true })
  platform!: Platform | null;

  @Field(() => String, { nullable: true })
  unitCode!: string | null;

  @Field(() => [Tutelle])
  tutelles!: Tutelle[];

  @Field(() => Money, { description: 'The sum of the tutelles’ shares, HT.' })
  valueHT!: Money;

  @Field(() => [EquipmentShare])
  shares!: EquipmentShare[];

  @Field(() => DateScalar, { nullable: true, description: 'The earliest commissioning or purchase date.' })
  commissioningDate!: string | null;

  @Field(() => Float, { nullable: true, description: 'Years since then.' })
  ageYears!: number | null;

  @Field(() => EquipmentStatus)
  status!: EquipmentStatus;

  @Field(() => Float, {
    nullable: true,
    description: "The weakest link's match probability (1 once confirmed); null for one record.",
  })
  confidence!: number | null;

  @Field(() => Boolean, { description: 'Whether a person confirmed every link.' })
  confirmed!: boolean;

  @Field(() => [InventoryRecordReference], { description: "Each tutelle's record of it." })
  records!: Array<Pick<InventoryRecordReference, 'id' | 'tutelle'>>;

  @Field(() => [MatchLinkType], { description: 'How its records were joined, with the evidence.' })
  links!: MatchLinkType[];
}

export const EquipmentConnection = ConnectionType('Equipment', Equipment);

/** The site's side of each tutelle's record type: its key, and the back-link to its instrument. */
export const defineRecordReferences = oncePerTutelle((tutelle: Tutelle) => {
  @ObjectType(`${TUTELLES[tutelle].typePrefix}InventoryRecord`, { implements: InventoryRecordReference })
  @Directive('@key(fields: "id")')
  class RecordReference extends InventoryRecordReference {}
  return RecordReference;
});

export const recordReferences = () => FEDERATED_TUTELLES.map(defineRecordReferences);

@InputType({ description: 'Narrow the site inventory; every given criterion must hold.' })
export class EquipmentFilter {
  @Field(() => Tutelle, { nullable: true, description: 'Recorded (co-funded) by this tutelle.' })
  tutelle?: Tutelle | null;

  @Field(() => String, { nullable: true, description: 'Platform code.' })
  platform?: string | null;

  @Field(() => String, { nullable: true, description: "Unit code in any spelling: 'UMR 7198'." })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: "Maker, any spelling: 'Bruker AXS'." })
  manufacturer?: string | null;

  @Field(() => String, { nullable: true, description: 'Words to find in designation, maker, model, serial.' })
  search?: string | null;

  @Field(() => EquipmentStatus, { nullable: true, description: 'Only instruments of this status.' })
  status?: EquipmentStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Count disposed instruments too. Without it (or a status), lists and totals are of the instruments the site still holds: in service or out of order.',
  })
  includeDisposed?: boolean | null;

  @Field(() => Float, { nullable: true })
  minAgeYears?: number | null;

  @Field(() => Float, { nullable: true })
  maxAgeYears?: number | null;

  @Field(() => Float, { nullable: true, description: 'Euros HT.' })
  minValueHT?: number | null;

  @Field(() => Float, { nullable: true, description: 'Euros HT.' })
  maxValueHT?: number | null;
}

export enum InventoryGrouping {
  TUTELLE = 'TUTELLE',
  PLATFORM = 'PLATFORM',
}
registerEnumType(InventoryGrouping, { name: 'InventoryGrouping' });

@ObjectType({ description: 'Instruments and their value, in one group (or the whole site).' })
export class InventoryTotal {
  @Field(() => String, {
    nullable: true,
    description: 'The tutelle or platform code; null for the whole site, or for instruments of no platform.',
  })
  key!: string | null;

  @Field(() => Int)
  equipmentCount!: number;

  @Field(() => Money, {
    description: "By tutelle: that tutelle's shares. Otherwise: the instruments' whole value.",
  })
  valueHT!: Money;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the figure may not be the site's: 'not synced yet…' before the first sync; null otherwise.",
  })
  note!: string | null;
}

export enum ReviewKind {
  UNCERTAIN_LINK = 'UNCERTAIN_LINK',
  POSSIBLE_MATCH = 'POSSIBLE_MATCH',
}
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  description:
    'UNCERTAIN_LINK: records joined on a weak score. POSSIBLE_MATCH: records left apart on a near score.',
});

@ObjectType({ description: 'A match for people to look at, with what is at stake.' })
export class ReviewItem {
  @Field(() => ReviewKind)
  kind!: ReviewKind;

  @Field(() => Float, { description: 'Euros at stake × uncertainty: the queue is in this order.' })
  priority!: number;

  @Field(() => MatchLinkType)
  link!: MatchLinkType;

  @Field(() => [Equipment], { description: 'The instrument (uncertain link) or the two (possible match).' })
  equipment!: Equipment[];
}

export const ReviewItemConnection = ConnectionType('ReviewItem', ReviewItem);

@ObjectType('InventoryDecision', { description: 'A person’s decision on the inventory: the audit trail.' })
export class InventoryDecisionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "'confirm', 'split' or 'merge'." })
  kind!: string;

  @Field(() => String, { description: "Who (the token's subject)." })
  decidedBy!: string;

  @Field(() => String, { description: 'When, ISO 8601.' })
  decidedAt!: string;

  @Field(() => [ID])
  recordIds!: string[];

  @Field(() => [ID], { description: 'The instruments it was about, as they were.' })
  equipmentIds!: string[];

  @Field(() => String, { description: 'The instruments before it, as JSON: [{ id, recordIds }].' })
  previous!: string;

  @Field(() => [Equipment], { description: 'The instruments now holding its records.' })
  equipment!: Equipment[];
}

export const InventoryDecisionConnection = ConnectionType('InventoryDecision', InventoryDecisionType);

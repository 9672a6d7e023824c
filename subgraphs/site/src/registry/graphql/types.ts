import { ConnectionType, Tutelle } from '@hub/schema';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LabelStatus, ServiceUnit } from '../../graphql/types';

/*
 * The registry kept through the graph: edits of a platform (who may change what: docs/HISTORY.md), each
 * carrying the platform's version it was made on, and the change log they leave.
 */

@InputType({ description: "A platform's public contact." })
export class ContactInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}

@InputType({ description: 'The site label; central services and admins only.' })
export class LabelInput {
  @Field(() => LabelStatus)
  status!: LabelStatus;

  @Field(() => String, { nullable: true, description: "'YYYY-MM-DD'; null: none." })
  granted?: string | null;

  @Field(() => String, { nullable: true, description: "The last review, 'YYYY-MM-DD'; null: none yet." })
  lastReview?: string | null;
}

@InputType({ description: 'A cost centre of a tutelle serving the platform.' })
export class CostCentreInput {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => String)
  code!: string;
}

@InputType({ description: 'A person on the platform: their id in their tutelle’s HR system, and the share.' })
export class StaffInput {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => String)
  id!: string;

  @Field(() => Float)
  share!: number;
}

@InputType({
  description:
    'What to change on a platform; absent fields are kept. A platform manager may change description, ' +
    'themes and contact; central services and admins every field.',
})
export class PlatformEdit {
  @Field(() => String, { nullable: true, description: 'Free text, at most 4,000 characters; "" clears it.' })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  themes?: string[] | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;

  @Field(() => Boolean, { nullable: true, description: 'true: the platform has no public contact.' })
  clearContact?: boolean | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  units?: string[] | null;

  @Field(() => [Tutelle], { nullable: true })
  tutelles?: Tutelle[] | null;

  @Field(() => LabelInput, { nullable: true })
  label?: LabelInput | null;

  @Field(() => [CostCentreInput], { nullable: true })
  costCentres?: CostCentreInput[] | null;

  @Field(() => [StaffInput], { nullable: true })
  staff?: StaffInput[] | null;
}

@InputType({ description: 'A published price of a tutelle for a service, euros HT per unit.' })
export class PublishedPriceInput {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => Float, { nullable: true })
  internal?: number | null;

  @Field(() => Float, { nullable: true })
  external?: number | null;

  @Field(() => Float, { nullable: true })
  private?: number | null;
}

@InputType({
  description:
    'A service, added or replaced by its code. Published prices: central services and admins only ' +
    '(absent: kept as they are).',
})
export class ServiceInput {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ServiceUnit)
  unit!: ServiceUnit;

  @Field(() => Float, { description: 'Units delivered in a year.' })
  yearlyVolume!: number;

  @Field(() => Float, { description: 'Staff time one unit takes, hours.' })
  staffHoursPerUnit!: number;

  @Field(() => Float, { description: 'Instrument time one unit takes, hours.' })
  equipmentHoursPerUnit!: number;

  @Field(() => [PublishedPriceInput], { nullable: true })
  currentPrices?: PublishedPriceInput[] | null;
}

@ObjectType({ description: 'One field of a platform as a change found it and left it (JSON values).' })
export class FieldChange {
  @Field(() => String, { description: "'description', 'themes', 'services.RMN-H.yearlyVolume'…" })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as JSON; null: there was none.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON; null: removed.' })
  after!: string | null;
}

@ObjectType({
  description: 'One change of a platform in the registry: who, when, what it was before and after.',
})
export class PlatformChange {
  @Field(() => Int, { description: 'The version the change made: the platform’s version after it.' })
  version!: number;

  @Field(() => String, { description: 'When, ISO 8601 UTC.' })
  at!: string;

  @Field(() => String, { description: "Who: the token's subject, or 'registry-file' for a load." })
  author!: string;

  @Field(() => String, { description: "'edit', 'saveService', 'removeService', 'load'." })
  action!: string;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

export const PlatformChangeConnection = ConnectionType('PlatformChange', PlatformChange);

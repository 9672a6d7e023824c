import {
  ConnectionType,
  CostCentreReference,
  DateScalar,
  Money,
  StaffMemberReference,
  Tutelle,
} from '@hub/schema';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum LabelStatus {
  LABELLED = 'labelled',
  IN_PROGRESS = 'in_progress',
  NONE = 'none',
}
registerEnumType(LabelStatus, {
  name: 'LabelStatus',
  description: 'Where a platform stands in the site label.',
});

export enum ServiceUnit {
  HOUR = 'hour',
  SAMPLE = 'sample',
  DAY = 'day',
  RUN = 'run',
}
registerEnumType(ServiceUnit, { name: 'ServiceUnit' });

export enum UserCategory {
  INTERNAL = 'internal',
  EXTERNAL = 'external',
  PRIVATE = 'private',
}
registerEnumType(UserCategory, {
  name: 'UserCategory',
  description: "INTERNAL: the site's own labs. EXTERNAL: other academics. PRIVATE: companies.",
});

@ObjectType({ description: 'The site label: granted for 6 years, reviewed every 24 months.' })
export class PlatformLabel {
  @Field(() => LabelStatus)
  status!: LabelStatus;

  @Field(() => DateScalar, { nullable: true })
  granted!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The next review: the date the registry plans, until a review is held in the year before it or after it; otherwise when one is due (reviewDue).',
  })
  nextReview!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last review held; null: none since the grant.',
  })
  lastReview!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When the next review is due: 24 months after the last review (or the grant).',
  })
  reviewDue!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the label ends: granted for 6 years.' })
  expires!: string | null;
}

@ObjectType({ description: "A platform's public contact." })
export class Contact {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;
}

@ObjectType({ description: 'A person working on a platform, and the share of their time it gets.' })
export class PlatformStaff {
  @Field(() => Tutelle, { description: 'The tutelle that employs them.' })
  tutelle!: Tutelle;

  @Field(() => Float, { description: "Share of the person's time spent on the platform: 0.8 = 80 %." })
  share!: number;

  @Field(() => StaffMemberReference, {
    nullable: true,
    description:
      "The person in their tutelle's HR records; null (with an error) if that tutelle is unreachable.",
  })
  member!: StaffMemberReference | null;
}

@ObjectType({ description: 'A price a tutelle publishes today for a service, euros HT per unit.' })
export class PublishedPrice {
  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => UserCategory)
  category!: UserCategory;

  @Field(() => Money)
  price!: Money;
}

@ObjectType({ description: 'A service a platform sells: an hour of an instrument, a sample, a run.' })
export class Service {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ServiceUnit)
  unit!: ServiceUnit;

  /** The platform it belongs to: whose managers may read its model inputs. */
  platformCode!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Units delivered in a year. The platform's managers, central, steering, admin only.",
  })
  yearlyVolume!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Staff time one unit takes, hours. The platform's managers, central, steering, admin only.",
  })
  staffHoursPerUnit!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Instrument time one unit takes, hours. The platform's managers, central, steering, admin only.",
  })
  equipmentHoursPerUnit!: number;

  @Field(() => [PublishedPrice], {
    description: 'Prices each tutelle publishes today (before the single tariff).',
  })
  currentPrices!: PublishedPrice[];
}

@ObjectType({ description: 'A research platform (core facility) of the site, from the registry.' })
@Directive('@key(fields: "code")')
export class Platform {
  @Field(() => ID, { description: "Stable site-wide code: 'XGAMMA'." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Research units hosting it, codes normalised: 'UMR7198'." })
  units!: string[];

  @Field(() => [Tutelle])
  tutelles!: Tutelle[];

  @Field(() => [String])
  themes!: string[];

  @Field(() => String, { nullable: true, description: 'What the platform offers, in its own words.' })
  description!: string | null;

  @Field(() => Int, {
    description: 'The registry version of this platform, bumped by every change: what an edit must name.',
  })
  version!: number;

  /** Itself: a platform manager's scope is judged on `platforms` (auth.ts). */
  platforms!: string[];

  @Field(() => PlatformLabel)
  label!: PlatformLabel;

  @Field(() => Contact, { nullable: true })
  contact!: Contact | null;

  @Field(() => [CostCentreReference], {
    description:
      "Each tutelle's cost centres serving the platform: where its equipment and expenses are booked.",
  })
  costCentres!: CostCentreReference[];

  @Field(() => Int, { description: 'People working on the platform, all tutelles (registry).' })
  staffCount!: number;

  @Field(() => Float, { description: 'Full-time equivalents on the platform: the sum of staff shares.' })
  staffFte!: number;

  @Field(() => [PlatformStaff])
  staff!: PlatformStaff[];

  @Field(() => [Service])
  services!: Service[];
}

export const PlatformConnection = ConnectionType('Platform', Platform);

@InputType({ description: 'Narrow the platform list; every given criterion must hold.' })
export class PlatformFilter {
  @Field(() => Tutelle, { nullable: true })
  tutelle?: Tutelle | null;

  @Field(() => String, { nullable: true, description: "A unit code in any spelling: 'UMR 7198', '7198'." })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: 'A theme, exactly.' })
  theme?: string | null;

  @Field(() => LabelStatus, { nullable: true })
  label?: LabelStatus | null;

  @Field(() => String, { nullable: true, description: 'Words to find in the code, name or themes.' })
  search?: string | null;
}

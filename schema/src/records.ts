import { Authorized, Field, Float, ID, Int, InterfaceType, registerEnumType } from 'type-graphql';
import { Money } from './money';
import { ConnectionInterface, ConnectionType } from './pagination';
import { PERSONAL_DATA_READERS, SALARY_READERS } from './roles';
import { DateScalar } from './scalars';
import { resolveSoleImplementation, resolveTutelleType, Tutelle } from './tutelles';

/*
 * The records every tutelle keeps, as shared interfaces. Each tutelle subgraph owns concrete types that
 * implement them (`UlInventoryRecord`, `CnrsInventoryRecord`...), so federation routes an entity fetch to
 * the right tutelle by type name. Implementations are registered explicitly by each subgraph
 * (`autoRegisterImplementations: false`): a subgraph's schema never leaks another tutelle's types.
 */

export enum EquipmentStatus {
  IN_SERVICE = 'IN_SERVICE',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  DISPOSED = 'DISPOSED',
}
registerEnumType(EquipmentStatus, { name: 'EquipmentStatus' });

export enum ExpenseNature {
  CONSUMABLES = 'CONSUMABLES',
  MAINTENANCE = 'MAINTENANCE',
  FLUIDS = 'FLUIDS',
  SMALL_EQUIPMENT = 'SMALL_EQUIPMENT',
  TRAVEL = 'TRAVEL',
  OTHER = 'OTHER',
}
registerEnumType(ExpenseNature, {
  name: 'ExpenseNature',
  description: 'What an expense pays for: consumables, maintenance, fluids/energy, small equipment, travel.',
});

@InterfaceType({
  description: "One tutelle's record of one asset, for its own share of the price.",
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('InventoryRecord'),
})
export abstract class InventoryRecord {
  @Field(() => ID, { description: "Hub-wide id: tutelle and the source's own key, 'UL:000020004512'." })
  id!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => String, { nullable: true, description: "The tutelle's physical inventory tag." })
  inventoryNumber!: string | null;

  @Field(() => String, { description: 'Designation as recorded (free text).' })
  designation!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Further free text the source keeps (often maker and model).',
  })
  details!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Manufacturer as recorded, or as it starts the designation where the source has no column.',
  })
  manufacturer!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Model as recorded, or as it follows the manufacturer in the designation.',
  })
  model!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Manufacturer normalised for matching: 'Bruker Biospin GmbH' → 'BRUKER'.",
  })
  manufacturerNormalized!: string | null;

  @Field(() => String, { nullable: true, description: 'Serial number as typed in the source.' })
  serialNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Serial number normalised for matching (no prefix, case, spaces or dashes); null for placeholders.',
  })
  serialNumberNormalized!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Commissioning (or purchase) date.' })
  commissioningDate!: string | null;

  @Field(() => Money, { description: "This tutelle's share of the value, as the source records it." })
  value!: Money;

  @Field(() => Money, { description: 'The same share, excluding VAT.' })
  valueHT!: Money;

  @Field(() => Int, { nullable: true, description: 'Useful life for depreciation, in years.' })
  usefulLifeYears!: number | null;

  @Field(() => String, { nullable: true, description: "Research unit code, normalised: 'UMR7198'." })
  unitCode!: string | null;

  @Field(() => String, { nullable: true, description: "The tutelle's cost centre the asset serves." })
  costCentre!: string | null;

  @Field(() => EquipmentStatus)
  status!: EquipmentStatus;

  @Field(() => String, { nullable: true, description: "Funding as recorded: 'CPER 2015-2020', 'ANR-…'." })
  funding!: string | null;

  @Field(() => Int, { description: 'Later additions (upgrades, accessories) rolled into this record.' })
  additionCount!: number;
}

/** An interface, implemented by each tutelle (`UlStaffAssignment`): a `@requires` field returns it (ConnectionInterface says why). */
@InterfaceType({
  description: "A person's assignment to a unit, as the tutelle's HR system records it.",
  autoRegisterImplementations: false,
  resolveType: resolveSoleImplementation,
})
export abstract class StaffAssignment {
  @Field(() => String, { description: "Unit code, normalised: 'UMR7198'." })
  unitCode!: string;

  @Field(() => Float, { description: 'Share of full time: 0.8 = 80 %.' })
  fte!: number;

  @Field(() => DateScalar)
  start!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null while ongoing.' })
  end!: string | null;

  @Authorized(...SALARY_READERS)
  @Field(() => Money, {
    nullable: true,
    description: 'Loaded yearly cost. Personal data: central services, steering committee and admins only.',
  })
  yearlyCost!: Money | null;
}

/** A staff member's personal data, field by field: what the roles in PERSONAL_DATA_READERS may read. */
export const PERSONAL_FIELDS = {
  firstName: () => String,
  lastName: () => String,
  email: () => String,
  assignments: () => [StaffAssignment],
} as const;

/**
 * A personal field, declared once for the interface and again on each tutelle's type (which adds what
 * federation needs to check a platform manager's scope, and may return its own implementation of the
 * interface's type): authenticated staff roles only, null otherwise.
 */
export function personalField(
  name: keyof typeof PERSONAL_FIELDS,
  type: () => unknown = PERSONAL_FIELDS[name],
): PropertyDecorator {
  return (prototype, key) => {
    Authorized(...PERSONAL_DATA_READERS)(prototype, key);
    Field(type as () => typeof String, {
      nullable: true,
      description:
        "Personal data: central services, steering committee, admins, and the managers of the person's platforms.",
    })(prototype, key);
  };
}

@InterfaceType({
  description: "A member of staff in one tutelle's HR records.",
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('StaffMember'),
})
export abstract class StaffMember {
  @Field(() => ID, { description: "Hub-wide id: tutelle and the HR system's own id, 'UL:00123456'." })
  id!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => String, { description: "Grade or corps: 'IGR', 'IE', 'AI'." })
  grade!: string;

  @Field(() => String, { nullable: true, description: 'Job family (BAP) A..J for support staff.' })
  jobFamily!: string | null;

  @personalField('firstName')
  firstName!: string | null;

  @personalField('lastName')
  lastName!: string | null;

  @personalField('email')
  email!: string | null;

  @personalField('assignments')
  assignments!: StaffAssignment[] | null;
}

@InterfaceType({
  description: "One line of a tutelle's expenses.",
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('Expense'),
})
export abstract class Expense {
  @Field(() => ID)
  id!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => String, { nullable: true })
  costCentre!: string | null;

  @Field(() => String, { nullable: true, description: "Unit code, normalised: 'UMR7198'." })
  unitCode!: string | null;

  @Field(() => String, { nullable: true, description: "The source's account or nature code, as recorded." })
  account!: string | null;

  @Field(() => ExpenseNature)
  nature!: ExpenseNature;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => Money, { description: 'As recorded; negative for credit notes.' })
  amount!: Money;

  @Field(() => Money)
  amountHT!: Money;
}

export const InventoryRecordConnection = ConnectionType('InventoryRecord', InventoryRecord);
export const ExpenseConnection = ConnectionInterface('Expense', Expense);

import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { CostCentre, CostCentreReference } from './cost-centres';
import {
  Expense,
  ExpenseConnection,
  InventoryRecord,
  PERSONAL_FIELDS,
  personalField,
  StaffAssignment,
  StaffMember,
} from './records';
import { resolveTutelleType, TUTELLES, Tutelle } from './tutelles';

/*
 * The concrete types of one tutelle, made from the shared interfaces by one factory: no tutelle writes
 * its own copy. `defineTutelleTypes` is what the tutelle's own subgraph serves; `defineTutelleReferences`
 * is how the site points at them (keys only, resolved by the tutelle).
 */

/** Once per tutelle and process: type-graphql keeps its classes in a global store. */
export function oncePerTutelle<T>(make: (tutelle: Tutelle) => T): (tutelle: Tutelle) => T {
  const made = new Map<Tutelle, T>();
  return (tutelle) => {
    if (!made.has(tutelle)) made.set(tutelle, make(tutelle));
    return made.get(tutelle)!;
  };
}

const STAFF_PLATFORMS = 'Platforms (codes) the registry places this person on: the site answers it.';
const CENTRE_PLATFORMS = 'Platforms (codes) this cost centre serves, in the registry: the site answers it.';

export const defineTutelleTypes = oncePerTutelle((tutelle: Tutelle) => {
  const prefix = TUTELLES[tutelle].typePrefix;

  @ObjectType(`${prefix}InventoryRecord`, { implements: InventoryRecord })
  @Directive('@key(fields: "id")')
  class TutelleInventoryRecord extends InventoryRecord {}

  // The tutelle's own implementations of what its `@requires` fields return (ConnectionInterface says why).
  @ObjectType(`${prefix}StaffAssignment`, { implements: StaffAssignment })
  class TutelleStaffAssignment extends StaffAssignment {}

  @ObjectType(`${prefix}ExpenseConnection`, { implements: ExpenseConnection })
  class TutelleExpenseConnection extends ExpenseConnection {}

  @ObjectType(`${prefix}StaffMember`, { implements: StaffMember })
  @Directive('@key(fields: "id")')
  class TutelleStaffMember extends StaffMember {
    @Directive('@external')
    @Field(() => [ID], { description: STAFF_PLATFORMS })
    platforms!: string[];
  }
  // A platform manager reads a person's personal data only if the person works on one of their platforms,
  // which the registry (the site) knows: each personal field asks the gateway for `platforms` first.
  for (const field of Object.keys(PERSONAL_FIELDS) as (keyof typeof PERSONAL_FIELDS)[]) {
    const type = field === 'assignments' ? () => [TutelleStaffAssignment] : PERSONAL_FIELDS[field];
    personalField(field, type)(TutelleStaffMember.prototype, field);
    Directive('@requires(fields: "platforms")')(TutelleStaffMember.prototype, field);
  }

  @ObjectType(`${prefix}Expense`, { implements: Expense })
  class TutelleExpense extends Expense {}

  // Shareable: the site resolves `code` and `tutelle` of a cost centre from the registry too.
  @ObjectType(`${prefix}CostCentre`, { implements: CostCentre })
  @Directive('@key(fields: "code")')
  @Directive('@shareable')
  class TutelleCostCentre extends CostCentre {
    @Directive('@external')
    @Field(() => [ID], { description: CENTRE_PLATFORMS })
    platforms!: string[];
  }

  return {
    InventoryRecord: TutelleInventoryRecord,
    StaffMember: TutelleStaffMember,
    Expense: TutelleExpense,
    ExpenseConnection: TutelleExpenseConnection,
    StaffAssignment: TutelleStaffAssignment,
    CostCentre: TutelleCostCentre,
  };
});
export type TutelleTypes = ReturnType<typeof defineTutelleTypes>;

/** The site's side of the interfaces: keys only. Composition merges them with the tutelles' full ones. */
@InterfaceType('StaffMember', {
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('StaffMember'),
})
export abstract class StaffMemberReference {
  @Field(() => ID)
  id!: string;

  // Not a GraphQL field on the site's side: it only picks the concrete type.
  tutelle!: Tutelle;

  /** The platforms the registry places the person on (the tutelle's type requires it for personal fields). */
  platforms!: string[];
}

export const defineTutelleReferences = oncePerTutelle((tutelle: Tutelle) => {
  const prefix = TUTELLES[tutelle].typePrefix;

  // Resolvable here too: the registry answers which platforms a cost centre serves (expenses' scope).
  @ObjectType(`${prefix}CostCentre`, { implements: CostCentreReference })
  @Directive('@key(fields: "code")')
  @Directive('@shareable')
  class CostCentreRef extends CostCentreReference {
    @Field(() => [ID], { description: CENTRE_PLATFORMS })
    override platforms!: string[];
  }

  // Resolvable here too: the registry answers which platforms a person works on, for the tutelle to judge a
  // platform manager's scope.
  @ObjectType(`${prefix}StaffMember`, { implements: StaffMemberReference })
  @Directive('@key(fields: "id")')
  class StaffMemberRef extends StaffMemberReference {
    @Field(() => [ID], { description: STAFF_PLATFORMS })
    override platforms!: string[];
  }

  return { CostCentre: CostCentreRef, StaffMember: StaffMemberRef };
});

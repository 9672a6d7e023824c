import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { CostCentre, CostCentreReference } from './cost-centres';
import { Expense, InventoryRecord, StaffMember } from './records';
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

export const defineTutelleTypes = oncePerTutelle((tutelle: Tutelle) => {
  const prefix = TUTELLES[tutelle].typePrefix;

  @ObjectType(`${prefix}InventoryRecord`, { implements: InventoryRecord })
  @Directive('@key(fields: "id")')
  class TutelleInventoryRecord extends InventoryRecord {}

  @ObjectType(`${prefix}StaffMember`, { implements: StaffMember })
  @Directive('@key(fields: "id")')
  class TutelleStaffMember extends StaffMember {}

  @ObjectType(`${prefix}Expense`, { implements: Expense })
  class TutelleExpense extends Expense {}

  // Shareable: the site resolves `code` and `tutelle` of a cost centre from the registry too.
  @ObjectType(`${prefix}CostCentre`, { implements: CostCentre })
  @Directive('@key(fields: "code")')
  @Directive('@shareable')
  class TutelleCostCentre extends CostCentre {}

  return {
    InventoryRecord: TutelleInventoryRecord,
    StaffMember: TutelleStaffMember,
    Expense: TutelleExpense,
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
}

export const defineTutelleReferences = oncePerTutelle((tutelle: Tutelle) => {
  const prefix = TUTELLES[tutelle].typePrefix;

  @ObjectType(`${prefix}CostCentre`, { implements: CostCentreReference })
  @Directive('@key(fields: "code", resolvable: false)')
  @Directive('@shareable')
  class CostCentreRef extends CostCentreReference {}

  @ObjectType(`${prefix}StaffMember`, { implements: StaffMemberReference })
  @Directive('@key(fields: "id", resolvable: false)')
  class StaffMemberRef extends StaffMemberReference {}

  return { CostCentre: CostCentreRef, StaffMember: StaffMemberRef };
});

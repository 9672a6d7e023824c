import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { CostCentre, CostCentreReference } from './cost-centres';
import { Expense, InventoryRecord, StaffMember } from './records';
import { TUTELLES, type Tutelle } from './tutelles';

/*
 * The concrete types of one tutelle, made from the shared interfaces by one factory: no tutelle writes
 * its own copy. `defineTutelleTypes` is what the tutelle's own subgraph serves; `defineTutelleReferences`
 * is how the site points at them (keys only, resolved by the tutelle).
 */

export function defineTutelleTypes(tutelle: Tutelle) {
  const prefix = TUTELLES[tutelle].typePrefix;

  @ObjectType(`${prefix}InventoryRecord`, { implements: InventoryRecord })
  @Directive('@key(fields: "id")')
  class TutelleInventoryRecord extends InventoryRecord {}

  @ObjectType(`${prefix}StaffMember`, { implements: StaffMember })
  @Directive('@key(fields: "id")')
  class TutelleStaffMember extends StaffMember {}

  @ObjectType(`${prefix}Expense`, { implements: Expense })
  @Directive('@key(fields: "id")')
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
}
export type TutelleTypes = ReturnType<typeof defineTutelleTypes>;

/** The site's side of the interfaces: keys only. Composition merges them with the tutelles' full ones. */
@InterfaceType('StaffMember', { autoRegisterImplementations: false })
export abstract class StaffMemberReference {
  @Field(() => ID)
  id!: string;
}

export function defineTutelleReferences(tutelle: Tutelle) {
  const prefix = TUTELLES[tutelle].typePrefix;

  @ObjectType(`${prefix}CostCentre`, { implements: CostCentreReference })
  @Directive('@key(fields: "code", resolvable: false)')
  @Directive('@shareable')
  class CostCentreRef extends CostCentreReference {}

  @ObjectType(`${prefix}StaffMember`, { implements: StaffMemberReference })
  @Directive('@key(fields: "id", resolvable: false)')
  class StaffMemberRef extends StaffMemberReference {}

  return { CostCentre: CostCentreRef, StaffMember: StaffMemberRef };
}

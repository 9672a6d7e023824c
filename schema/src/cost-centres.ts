import { Args, ArgsType, Field, ID, Int, InterfaceType } from 'type-graphql';
import { type Connection, PageArgs } from './pagination';
import { type Expense, ExpenseConnection, type InventoryRecord, InventoryRecordConnection } from './records';
import { resolveTutelleType, Tutelle } from './tutelles';

@ArgsType()
export class ExpenseArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only expenses booked in this calendar year.' })
  year?: number | null;
}

/**
 * A tutelle's cost centre (UL `centre_couts`, CNRS `code_activite`, INRAE `Code plateforme`, CHRU `uf`): the
 * handle by which the registry ties a tutelle's records to a platform. The site knows its code; the
 * tutelle's subgraph resolves what is booked on it. Fields that come from the tutelle are nullable, so a
 * tutelle that is down costs its own fields, not the platform.
 */
@InterfaceType('CostCentre', {
  description: "A tutelle's cost centre serving a platform.",
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('CostCentre'),
})
export abstract class CostCentre {
  @Field(() => ID, {
    description: "The code as the tutelle's finance system writes it: 'PF-XGAMMA', '4521'.",
  })
  code!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  @Field(() => InventoryRecordConnection, {
    nullable: true,
    description: 'Assets in service on this cost centre, in inventory order.',
  })
  equipment(@Args(() => PageArgs) _page: PageArgs): Promise<Connection<InventoryRecord>> | null {
    return null;
  }

  @Field(() => ExpenseConnection, {
    nullable: true,
    description:
      "Expenses booked on this cost centre, by date. Internal finance: central services, steering committee, admins, and the managers of the cost centre's platforms.",
  })
  expenses(@Args(() => ExpenseArgs) _args: ExpenseArgs): Promise<Connection<Expense>> | null {
    return null;
  }
}

/**
 * The same interface as the site subgraph declares it: only what the registry knows. Composition merges the
 * two, so clients see one `CostCentre`.
 */
@InterfaceType('CostCentre', {
  autoRegisterImplementations: false,
  resolveType: resolveTutelleType('CostCentre'),
})
export abstract class CostCentreReference {
  @Field(() => ID)
  code!: string;

  @Field(() => Tutelle)
  tutelle!: Tutelle;

  /** The platforms the cost centre serves (the tutelle's type requires it for expenses). */
  platforms!: string[];
}

import {
  type Connection,
  defineTutelleTypes,
  type Expense,
  ExpenseArgs,
  ExpenseConnection,
  FINANCE_READERS,
  type InventoryRecord,
  InventoryRecordConnection,
  oncePerTutelle,
  PageArgs,
  paginate,
  TUTELLES,
  type Tutelle,
  type TutelleTypes,
} from '@hub/schema';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { TutelleContext } from './loaders';

interface CostCentreValue {
  code: string;
  tutelle: Tutelle;
  /** From the registry (the site), through the gateway: what a platform manager's scope is judged on. */
  platforms: string[];
}

/**
 * The resolvers of one tutelle's types, made by one factory for every tutelle: `ulCostCentre(code)`,
 * `UlCostCentre.equipment`... All reads go through the request's loaders.
 */
/** Once per tutelle and process, like the types: type-graphql's metadata store is global. */
export const defineTutelleResolvers = oncePerTutelle((tutelle) =>
  makeTutelleResolvers(tutelle, defineTutelleTypes(tutelle)),
);

function makeTutelleResolvers(tutelle: Tutelle, types: TutelleTypes) {
  const prefix = TUTELLES[tutelle].typePrefix;
  const field = (name: string) => `${prefix.toLowerCase()}${name}`;

  @Resolver(() => types.CostCentre)
  class CostCentreResolver {
    @Query(() => types.CostCentre, {
      name: field('CostCentre'),
      description: `A cost centre of ${TUTELLES[tutelle].name}, by its code.`,
    })
    costCentre(@Arg('code', () => ID) code: string): CostCentreValue {
      return { code, tutelle, platforms: [] };
    }

    @FieldResolver(() => InventoryRecordConnection, { nullable: true })
    async equipment(
      @Root() centre: CostCentreValue,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() { loaders }: TutelleContext,
    ): Promise<Connection<InventoryRecord>> {
      return paginate(await loaders.inventoryByCostCentre.load(centre.code), page);
    }

    // Internal finance: the gateway brings the registry's `platforms` of the cost centre first.
    @Authorized(...FINANCE_READERS)
    @Directive('@requires(fields: "platforms")')
    @FieldResolver(() => ExpenseConnection, { nullable: true })
    async expenses(
      @Root() centre: CostCentreValue,
      @Args(() => ExpenseArgs) args: ExpenseArgs,
      @Ctx() { loaders }: TutelleContext,
    ): Promise<Connection<Expense>> {
      return paginate(await loaders.expensesByCostCentre(args.year ?? null).load(centre.code), args);
    }
  }

  @Resolver(() => types.InventoryRecord)
  class InventoryRecordResolver {
    @Query(() => types.InventoryRecord, {
      name: field('InventoryRecord'),
      nullable: true,
      description: `An asset of ${TUTELLES[tutelle].name}, by hub id ('${tutelle}:…').`,
    })
    inventoryRecord(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TutelleContext) {
      return loaders.inventoryById.load(id);
    }
  }

  @Resolver(() => types.StaffMember)
  class StaffMemberResolver {
    @Query(() => types.StaffMember, {
      name: field('StaffMember'),
      nullable: true,
      description: `A member of staff of ${TUTELLES[tutelle].name}, by hub id ('${tutelle}:…').`,
    })
    staffMember(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TutelleContext) {
      return loaders.staffById.load(id);
    }
  }

  /** How the gateway's `_entities` turns keys into this tutelle's entities. */
  const referenceResolvers = {
    [`${prefix}CostCentre`]: {
      __resolveReference: (ref: { code: string; platforms?: string[] }): CostCentreValue => ({
        code: ref.code,
        tutelle,
        platforms: ref.platforms ?? [],
      }),
    },
    [`${prefix}InventoryRecord`]: {
      __resolveReference: (ref: { id: string }, ctx: TutelleContext) =>
        ctx.loaders.inventoryById.load(ref.id),
    },
    // `platforms` comes from the registry (the site), through the gateway, for the personal fields that
    // require it: the caller's scope is judged on it (authChecker).
    [`${prefix}StaffMember`]: {
      __resolveReference: async (ref: { id: string; platforms?: string[] }, ctx: TutelleContext) => {
        const member = await ctx.loaders.staffById.load(ref.id);
        return member && { ...member, platforms: ref.platforms ?? [] };
      },
    },
  };

  return {
    resolvers: [CostCentreResolver, InventoryRecordResolver, StaffMemberResolver] as const,
    referenceResolvers,
  };
}

import {
  type Connection,
  defineTutelleTypes,
  ErrorCode,
  type Expense,
  ExpenseArgs,
  FINANCE_READERS,
  type InventoryRecord,
  InventoryRecordConnection,
  oncePerTutelle,
  PageArgs,
  paginate,
  Role,
  TUTELLES,
  type Tutelle,
  type TutelleTypes,
} from '@hub/schema';
import { DEFAULT_INVENTORY_PAGE_SIZE } from '@hub/source-kit';
import { GraphQLError } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { TutelleContext } from './loaders';
import { defineRejectedRowsResolver } from './rejections';

/** A feed page is one connector page: 2,000 records at most per request. */
const MAX_FEED_PAGE_SIZE = 2000;

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
    @FieldResolver(() => types.ExpenseConnection, { nullable: true })
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

  @ObjectType(`${prefix}InventoryFeed`, {
    description: `A page of ${TUTELLES[tutelle].name}'s whole inventory, disposals included: what the site's sync reads.`,
  })
  class InventoryFeed {
    @Field(() => [types.InventoryRecord])
    records!: InventoryRecord[];

    @Field(() => String, { nullable: true, description: 'Pass it as `after` for the next page.' })
    cursor!: string | null;

    @Field(() => String, {
      nullable: true,
      description:
        'Source time of the newest change in the page: the next `changedSince`, where incremental.',
    })
    changedUpTo!: string | null;

    @Field(() => Boolean, { description: 'Whether another page follows.' })
    hasMore!: boolean;

    @Field(() => Boolean, {
      description:
        'Whether `changedSince` is honoured; where not, every read is whole and absence is removal.',
    })
    incremental!: boolean;
  }

  @Resolver(() => InventoryFeed)
  class InventoryFeedResolver {
    @Authorized(Role.SERVICE, Role.CENTRAL, Role.ADMIN)
    @Query(() => InventoryFeed, {
      name: field('InventoryFeed'),
      nullable: true,
      description: `${TUTELLES[tutelle].name}'s inventory page by page, resumable after any page (internal: the site's sync).`,
    })
    async inventoryFeed(
      @Arg('first', () => Int, { defaultValue: DEFAULT_INVENTORY_PAGE_SIZE }) first: number,
      @Arg('after', () => String, { nullable: true }) after: string | null,
      @Arg('changedSince', () => String, { nullable: true }) changedSince: string | null,
      @Ctx() { loaders }: TutelleContext,
    ): Promise<InventoryFeed> {
      if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE_SIZE)
        throw new GraphQLError(`first must be between 1 and ${MAX_FEED_PAGE_SIZE}, got ${first}`, {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        });
      const page = await loaders.inventoryPage({ pageSize: first, after, changedSince });
      return {
        records: page?.records ?? [],
        cursor: page?.cursor ?? after,
        changedUpTo: page?.changedUpTo ?? null,
        hasMore: page != null && page.records.length >= first,
        incremental: loaders.incremental,
      };
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
    resolvers: [
      CostCentreResolver,
      InventoryRecordResolver,
      StaffMemberResolver,
      InventoryFeedResolver,
      defineRejectedRowsResolver(tutelle),
    ] as const,
    referenceResolvers,
  };
}

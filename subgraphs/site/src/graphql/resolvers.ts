import { type Connection, FEDERATED_TUTELLES, PageArgs, paginate, TUTELLES } from '@hub/schema';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { SiteContext } from '../context';
import { Platform, PlatformConnection, PlatformFilter } from './types';

@Resolver(() => Platform)
export class PlatformResolver {
  @Query(() => PlatformConnection, {
    description: 'Platforms of the site, by code; filter and page through them.',
  })
  async platforms(
    @Arg('filter', () => PlatformFilter, { nullable: true }) filter: PlatformFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { registry }: SiteContext,
  ): Promise<Connection<Platform>> {
    return paginate(await registry.matching(filter), page);
  }

  @Query(() => Platform, { nullable: true, description: 'One platform by its site-wide code.' })
  async platform(
    @Arg('code', () => ID) code: string,
    @Ctx() { registry }: SiteContext,
  ): Promise<Platform | null> {
    return registry.platform(code);
  }
}

export const siteReferenceResolvers = {
  Platform: {
    __resolveReference: (ref: { code: string }, { registry }: SiteContext) => registry.platform(ref.code),
  },
  // A tutelle's staff member and cost centre, as the registry knows them: on which platforms (what a
  // platform manager's scope is judged on, by the tutelle's subgraph).
  ...Object.fromEntries(
    FEDERATED_TUTELLES.flatMap((tutelle) => [
      [
        `${TUTELLES[tutelle].typePrefix}StaffMember`,
        {
          __resolveReference: async (ref: { id: string }, { registry }: SiteContext) => ({
            id: ref.id,
            tutelle,
            platforms: await registry.platformsOfStaff(ref.id),
          }),
        },
      ],
      [
        `${TUTELLES[tutelle].typePrefix}CostCentre`,
        {
          __resolveReference: async (ref: { code: string }, { registry }: SiteContext) => ({
            code: ref.code,
            tutelle,
            platforms: await registry.platformsOfCostCentre(tutelle, ref.code),
          }),
        },
      ],
    ]),
  ),
};

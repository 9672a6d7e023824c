import { type Connection, PageArgs, paginate } from '@hub/schema';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { SiteContext } from '../context';
import { Platform, PlatformConnection, PlatformFilter } from './types';
import { matchesFilter } from './views';

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
    const all = await registry.platforms();
    return paginate(
      all.filter((p) => matchesFilter(p, filter)),
      page,
    );
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
};

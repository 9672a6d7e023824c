import {
  type Connection,
  ErrorCode,
  FEDERATED_TUTELLES,
  MODEL_INPUT_READERS,
  PageArgs,
  paginate,
  Role,
  TUTELLES,
} from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import type { SiteContext } from '../context';
import { Platform, PlatformConnection, PlatformFilter, Service } from './types';

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

/**
 * Whether the caller may read a platform's tariff-model inputs (volumes, hours per unit): with its public
 * prices they solve to its staff cost. The registry's edits of these inputs check the same.
 */
export function readsModelInputs(caller: Caller, platformCode: string): boolean {
  if (caller.roles.some((r) => MODEL_INPUT_READERS.includes(r))) return true;
  return caller.roles.includes(Role.PLATFORM) && caller.platforms.includes(platformCode);
}

function modelInput(
  service: Service,
  caller: Caller,
  field: 'yearlyVolume' | 'staffHoursPerUnit' | 'equipmentHoursPerUnit',
): number {
  if (!readsModelInputs(caller, service.platformCode))
    throw new GraphQLError(
      `${field} needs one of the roles ${MODEL_INPUT_READERS.filter((r) => r !== Role.SERVICE).join(', ')}, ` +
        `or platform for ${service.platformCode}: with the public prices it would give the platform's staff cost`,
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  return service[field];
}

@Resolver(() => Service)
export class ServiceModelInputResolver {
  @FieldResolver(() => Float, { nullable: true })
  yearlyVolume(@Root() service: Service, @Ctx() { caller }: SiteContext) {
    return modelInput(service, caller, 'yearlyVolume');
  }

  @FieldResolver(() => Float, { nullable: true })
  staffHoursPerUnit(@Root() service: Service, @Ctx() { caller }: SiteContext) {
    return modelInput(service, caller, 'staffHoursPerUnit');
  }

  @FieldResolver(() => Float, { nullable: true })
  equipmentHoursPerUnit(@Root() service: Service, @Ctx() { caller }: SiteContext) {
    return modelInput(service, caller, 'equipmentHoursPerUnit');
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

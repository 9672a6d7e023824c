import { ErrorCode, Role } from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { isSourceError } from '@hub/source-kit';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SiteContext } from '../../context';
import { Platform } from '../../graphql/types';
import { summarise } from '../model/divergence';
import { Exact } from '../model/exact';
import { type TariffSimulation, UnknownInstrumentError } from '../model/tariffs';
import {
  ServiceTariff,
  TariffBreakdown,
  TariffCostBase,
  TariffDivergence,
  TariffGrid,
  TariffSimulationInput,
} from './types';
import { divergenceLineView, gridView, summaryView } from './views';

/** Who may see the steering committee's figures: the divergence report, simulations. */
const STEERING_READERS = [Role.CENTRAL, Role.STEERING, Role.ADMIN] as const;

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw badInput(`year must be between 1990 and 2100, got ${year}`);
}

/**
 * People below which a staff cost, even summed, is someone's salary: a platform manager (who may not read
 * salaries) sees a breakdown only where each tutelle's part of the staff cost is at least this many
 * people's.
 */
export const MIN_STAFF_GROUP = 3;

/**
 * Breakdowns and cost bases: the steering readers; a platform manager for the platforms the token names,
 * where no staff figure in it could be one person's.
 */
function assertBreakdownReader(
  caller: Caller,
  shown: { platformCode: string; smallestStaffGroup: number | null },
  field: string,
): void {
  if (caller.roles.some((r) => (STEERING_READERS as readonly Role[]).includes(r))) return;
  const forbidden = (reason: string) =>
    new GraphQLError(`${field} ${reason}`, { extensions: { code: ErrorCode.FORBIDDEN } });
  if (!caller.roles.includes(Role.PLATFORM) || !caller.platforms.includes(shown.platformCode)) {
    throw forbidden(
      `needs one of the roles ${STEERING_READERS.join(', ')}, or platform for ${shown.platformCode}`,
    );
  }
  if (shown.smallestStaffGroup != null && shown.smallestStaffGroup < MIN_STAFF_GROUP) {
    throw forbidden(
      `of ${shown.platformCode} would show a staff cost of fewer than ${MIN_STAFF_GROUP} people of one tutelle: ` +
        `${STEERING_READERS.join(', ')} only`,
    );
  }
}

function toSimulation(input: TariffSimulationInput | null, caller: Caller): TariffSimulation | null {
  if (!input) return null;
  if (!caller.roles.some((r) => (STEERING_READERS as readonly Role[]).includes(r))) {
    throw new GraphQLError(`simulation needs one of the roles ${STEERING_READERS.join(', ')}`, {
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  }
  if (input.overheadRate != null && !(input.overheadRate >= 0 && input.overheadRate <= 10))
    throw badInput(`overheadRate must be between 0 and 10, got ${input.overheadRate}`);
  for (const r of input.renewals ?? []) {
    if (!(r.valueHT >= 0)) throw badInput(`valueHT of ${r.instrument} must be positive, got ${r.valueHT}`);
    if (r.usefulLifeYears != null && !(r.usefulLifeYears >= 1))
      throw badInput(`usefulLifeYears of ${r.instrument} must be at least 1, got ${r.usefulLifeYears}`);
  }
  return {
    overheadRate: input.overheadRate ?? null,
    renewals: (input.renewals ?? []).map((r) => ({
      instrument: r.instrument,
      valueHT: Exact.decimal(r.valueHT),
      usefulLifeYears: r.usefulLifeYears ?? null,
    })),
  };
}

@Resolver(() => Platform)
export class PlatformTariffResolver {
  @FieldResolver(() => TariffGrid, {
    nullable: true,
    description:
      "The platform's single tariff for a year: a price per service and user category, from all its costs " +
      'whoever pays them. Null (with an error naming the source) where one of its tutelles cannot be read.',
  })
  async tariffs(
    @Root() platform: Platform,
    @Arg('year', () => Int) year: number,
    @Arg('simulation', () => TariffSimulationInput, { nullable: true })
    simulation: TariffSimulationInput | null,
    @Ctx() { tariffs, caller }: SiteContext,
  ): Promise<TariffGrid> {
    checkYear(year);
    try {
      return gridView(
        await tariffs.tariffs(platform, year, toSimulation(simulation, caller)),
        tariffs.engine.policy,
        new Map(platform.staff.flatMap((s) => (s.member ? [[s.member.id, s.member]] : []))),
      );
    } catch (error) {
      if (error instanceof UnknownInstrumentError) throw badInput(error.message);
      throw error;
    }
  }
}

@Resolver(() => TariffGrid)
export class TariffGridResolver {
  @FieldResolver(() => TariffCostBase, {
    nullable: true,
    description: 'The cost base, down to its records: central services, steering, admins, its own managers.',
  })
  costBase(@Root() grid: TariffGrid, @Ctx() { caller }: SiteContext): TariffCostBase {
    assertBreakdownReader(caller, grid, 'TariffGrid.costBase');
    return grid.costBase!;
  }
}

@Resolver(() => ServiceTariff)
export class ServiceTariffResolver {
  @FieldResolver(() => TariffBreakdown, {
    nullable: true,
    description:
      'Where the prices come from: central services, steering, admins, the platform’s own managers.',
  })
  breakdown(@Root() service: ServiceTariff, @Ctx() { caller }: SiteContext): TariffBreakdown {
    assertBreakdownReader(caller, service, 'ServiceTariff.breakdown');
    return service.breakdown!;
  }
}

@Resolver()
export class TariffDivergenceResolver {
  @Authorized(...STEERING_READERS)
  @Query(() => TariffDivergence, {
    nullable: true,
    description:
      'The prices each tutelle publishes today against the single tariff, per platform and site-wide ' +
      '(steering committee, central services, admins).',
  })
  async tariffDivergence(
    @Arg('year', () => Int) year: number,
    @Arg('platform', () => ID, { nullable: true }) platformCode: string | null,
    @Ctx() { registry, tariffs }: SiteContext,
  ): Promise<TariffDivergence> {
    checkYear(year);
    const platforms = platformCode
      ? [await registry.platform(platformCode)].filter((p): p is Platform => p != null)
      : await registry.platforms();
    if (platformCode && platforms.length === 0) {
      throw new GraphQLError(`No platform ${platformCode}`, { extensions: { code: ErrorCode.NOT_FOUND } });
    }
    const { divergence: lines, failed } = await tariffs.siteTariffs(platforms, year);
    const codes = [...new Set(lines.map((l) => l.platform))];
    return {
      year,
      policyVersion: tariffs.engine.policy.version,
      site: summaryView(summarise(lines)),
      platforms: codes.map((code) => {
        const mine = lines.filter((l) => l.platform === code);
        return {
          platformCode: code,
          summary: summaryView(summarise(mine)),
          lines: mine.map(divergenceLineView),
        };
      }),
      unavailable: failed.map(({ platform, error }) => ({
        platformCode: platform,
        source: isSourceError(error) ? error.source : null,
        message: error.message,
      })),
    };
  }
}

export const TARIFF_RESOLVERS = [
  PlatformTariffResolver,
  TariffGridResolver,
  ServiceTariffResolver,
  TariffDivergenceResolver,
] as const;

import { DateScalar, ErrorCode, Role } from '@hub/schema';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SiteContext } from '../../context';
import { Platform } from '../../graphql/types';
import { equipmentIndicator, renewalForecast } from '../equipment';
import { figuresOn, yearEnds } from '../figures';
import { labelIndicator } from '../labels';
import { staffIndicator } from '../staff';
import {
  EquipmentGrouping,
  EquipmentIndicator,
  Figures,
  IndicatorSnapshot,
  LabelIndicator,
  RenewalForecast,
  SnapshotKind,
  StaffGrouping,
  StaffIndicator,
} from './types';

/** The steering committee's readers: every cell, payroll included. Others get unsuppressed cells only. */
export const CORIS_READERS = [Role.STEERING, Role.CENTRAL, Role.ADMIN] as const;

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function checkYear(year: number, name = 'year'): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw badInput(`${name} must be between 1990 and 2100`);
}

function checkSpan(fromYear: number, toYear: number): void {
  checkYear(fromYear, 'fromYear');
  checkYear(toYear, 'toYear');
  if (toYear < fromYear || toYear - fromYear > 30)
    throw badInput('toYear must be within 30 years after fromYear');
}

const today = () => new Date().toISOString().slice(0, 10);

@Resolver()
export class CorisResolver {
  @Query(() => StaffIndicator, {
    description:
      'Consolidated HR of the platforms for a year: headcount, FTE, loaded payroll by tutelle, staff ' +
      'category or platform. Cells of fewer than 3 people carry no figure except for steering, central, admin.',
  })
  async corisStaff(
    @Arg('year', () => Int) year: number,
    @Arg('groupBy', () => StaffGrouping) groupBy: StaffGrouping,
    @Ctx() ctx: SiteContext,
  ): Promise<StaffIndicator> {
    checkYear(year);
    return staffIndicator(ctx, year, groupBy);
  }

  @Query(() => EquipmentIndicator, {
    description:
      'Equipment in service on a date (today by default), counted and valued, by tutelle, platform, kind or age band.',
  })
  async corisEquipment(
    @Arg('groupBy', () => EquipmentGrouping) groupBy: EquipmentGrouping,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: SiteContext,
  ): Promise<EquipmentIndicator> {
    return equipmentIndicator(ctx, asOf ?? today(), groupBy);
  }

  @Query(() => RenewalForecast, {
    description:
      'Instruments in service reaching the end of their useful life, by year, for the next ten years.',
  })
  async corisRenewal(
    @Arg('fromYear', () => Int, { nullable: true }) fromYear: number | null,
    @Ctx() ctx: SiteContext,
  ): Promise<RenewalForecast> {
    const from = fromYear ?? new Date().getUTCFullYear();
    checkYear(from, 'fromYear');
    return renewalForecast(ctx, from);
  }

  @Query(() => LabelIndicator, {
    description:
      'Labelled platforms whose review (every 24 months) or label (6 years) is due within N months or overdue.',
  })
  async corisLabels(
    @Arg('withinMonths', () => Int, { defaultValue: 6 }) withinMonths: number,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: SiteContext,
  ): Promise<LabelIndicator> {
    if (!Number.isInteger(withinMonths) || withinMonths < 0 || withinMonths > 120)
      throw badInput('withinMonths must be between 0 and 120');
    return labelIndicator(ctx, asOf ?? today(), withinMonths);
  }

  @Query(() => Figures, { description: "The site's figures on a date, rebuilt from the sources' own dates." })
  async siteFigures(@Arg('asOf', () => DateScalar) asOf: string, @Ctx() ctx: SiteContext): Promise<Figures> {
    return (await figuresOn(ctx, [asOf], null))[0]!;
  }

  @Query(() => [Figures], {
    description: "The site's figures at each year end (today for the current year).",
  })
  async siteHistory(
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Ctx() ctx: SiteContext,
  ): Promise<Figures[]> {
    checkSpan(fromYear, toYear);
    return figuresOn(ctx, yearEnds(fromYear, toYear, today()), null);
  }

  @Authorized(Role.CENTRAL, Role.ADMIN)
  @Mutation(() => Int, {
    description:
      "Store today's figures of the site and of every platform now (a sync does it too); the rows stored.",
  })
  async takeIndicatorSnapshot(@Ctx() ctx: SiteContext): Promise<number> {
    return ctx.snapshots.take(ctx, SnapshotKind.SYNC, today());
  }

  @Authorized(...CORIS_READERS)
  @Query(() => [IndicatorSnapshot], {
    description:
      "Figures the hub stored at its syncs and year ends, the site's (platform null) or a platform's.",
  })
  async indicatorSnapshots(
    @Arg('platform', () => String, { nullable: true }) platform: string | null,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Ctx() ctx: SiteContext,
  ): Promise<IndicatorSnapshot[]> {
    checkSpan(fromYear, toYear);
    return ctx.snapshots.list(platform, fromYear, toYear);
  }
}

@Resolver(() => Platform)
export class PlatformHistoryResolver {
  @FieldResolver(() => [Figures], {
    // Nullable: a tutelle that cannot be read costs this field (null, with an error naming the source),
    // not the platform it hangs from.
    nullable: true,
    description:
      "The platform's figures at each year end (today for the current year), from the sources' own dates. Null (with an error naming the source) where one of its tutelles cannot be read.",
  })
  async history(
    @Root() platform: Platform,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Ctx() ctx: SiteContext,
  ): Promise<Figures[]> {
    checkSpan(fromYear, toYear);
    return figuresOn(ctx, yearEnds(fromYear, toYear, today()), platform.code);
  }
}

import { ErrorCode, MAX_PAGE_SIZE } from '@hub/schema';
import { GraphQLError } from 'graphql';
import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  EquipmentIndicator,
  EquipmentIndicatorRow,
  LabelDueRow,
  LabelIndicator,
  StaffIndicator,
  StaffIndicatorRow,
} from './types';

/*
 * An indicator's rows by pages: by platform they are as many as the registry's platforms (a thousand at
 * ten times the demo). Rows come in key order; a page is the `first` rows after the key `after` (the last
 * key of the page before), and `rowCount` says how many there are in all. The total is over every row.
 */

const FIRST = `Rows of this page, ${MAX_PAGE_SIZE} at most (the default).`;
const AFTER = 'The last key of the page before: the rows after it, in key order.';

function page<R>(rows: readonly R[], key: (row: R) => string, first: number, after: string | null): R[] {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE)
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  const start = after == null ? 0 : rows.findIndex((r) => key(r).localeCompare(after) > 0);
  return start < 0 ? [] : rows.slice(start, start + first);
}

@Resolver(() => StaffIndicator)
export class StaffRowsResolver {
  @FieldResolver(() => [StaffIndicatorRow], { description: 'The cells, in key order, by pages.' })
  rows(
    @Root() indicator: StaffIndicator,
    @Arg('first', () => Int, { defaultValue: MAX_PAGE_SIZE, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
  ): StaffIndicatorRow[] {
    return page(indicator.rows, (r) => r.key, first, after);
  }

  @FieldResolver(() => Int, { description: 'Rows in all, over every page.' })
  rowCount(@Root() indicator: StaffIndicator): number {
    return indicator.rows.length;
  }
}

@Resolver(() => EquipmentIndicator)
export class EquipmentRowsResolver {
  @FieldResolver(() => [EquipmentIndicatorRow], { description: 'The cells, in key order, by pages.' })
  rows(
    @Root() indicator: EquipmentIndicator,
    @Arg('first', () => Int, { defaultValue: MAX_PAGE_SIZE, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null,
  ): EquipmentIndicatorRow[] {
    return page(indicator.rows, (r) => r.key, first, after);
  }

  @FieldResolver(() => Int, { description: 'Rows in all, over every page.' })
  rowCount(@Root() indicator: EquipmentIndicator): number {
    return indicator.rows.length;
  }
}

@Resolver(() => LabelIndicator)
export class LabelRowsResolver {
  @FieldResolver(() => [LabelDueRow], { description: 'The platforms, in code order, by pages.' })
  rows(
    @Root() indicator: LabelIndicator,
    @Arg('first', () => Int, { defaultValue: MAX_PAGE_SIZE, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The last platform code of the page before.' })
    after: string | null,
  ): LabelDueRow[] {
    return page(indicator.rows, (r) => r.platformCode, first, after);
  }

  @FieldResolver(() => Int, { description: 'Platforms in all, over every page.' })
  rowCount(@Root() indicator: LabelIndicator): number {
    return indicator.rows.length;
  }
}

export const CORIS_ROW_RESOLVERS = [StaffRowsResolver, EquipmentRowsResolver, LabelRowsResolver] as const;

import {
  type Connection,
  ConnectionType,
  PageArgs,
  paginate,
  Role,
  TUTELLES,
  type Tutelle,
} from '@hub/schema';
import { logger } from '@hub/service-kit';
import type { ReadSummary, SourceHealth, TutelleConnector } from '@hub/source-kit';
import { Args, Authorized, Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { TutelleContext } from './loaders';

/*
 * Rows a tutelle's sources reject (a date that is no date, a price missing): each logged with its place and
 * reason when read, listed to admins through the graph, and a source rejecting more than a share of its rows
 * marked degraded on /health, so that an operator sees that answers lack data rather than a count beside "ok".
 */

/** Above this share of a source's rows rejected, it is degraded: 1 % unless `HUB_REJECTED_ROWS_THRESHOLD` (ops/src/config.ts) says. */
export const DEFAULT_REJECTED_ROWS_THRESHOLD = 0.01;

/** Marks degraded each source whose last read rejected more than `threshold` of the rows it saw. */
export function degradeAbove(health: SourceHealth[], threshold: number): SourceHealth[] {
  return health.map((h) =>
    h.up && h.seen && h.rejected && h.rejected / h.seen > threshold ? { ...h, degraded: true } : h,
  );
}

/** At most this many rejected rows logged one by one per read; the rest as a count (a file all wrong). */
const LOGGED_PER_READ = 200;

/** Logs each rejected row of a read with its place and reason, and the read's counts. */
export function logRead(read: ReadSummary): void {
  const { source, seen, mapped, rejected, problems } = read;
  for (const { location, reason } of problems.slice(0, LOGGED_PER_READ)) {
    logger.warn({ source, location, reason }, 'row rejected');
  }
  if (problems.length > LOGGED_PER_READ) {
    logger.warn({ source, notLogged: problems.length - LOGGED_PER_READ }, 'more rows rejected');
  }
  logger.info({ source, seen, mapped, rejected }, 'source read');
}

@ObjectType({ description: 'A source row a read could not use: where it is and why.' })
@Directive('@shareable')
export class RejectedRow {
  @Field(() => String, { description: "'CHRU/depenses'" })
  source!: string;

  @Field(() => String, {
    description: "'depenses_uf.csv:4': the file and line, the sheet and row, the API item.",
  })
  location!: string;

  @Field(() => String)
  reason!: string;
}

export const RejectedRowConnection = ConnectionType('RejectedRow', RejectedRow);

/** `chruRejectedRows`: the rows the tutelle's sources rejected at their last read, for admins. */
export function defineRejectedRowsResolver(tutelle: Tutelle) {
  const prefix = TUTELLES[tutelle].typePrefix;

  @Resolver()
  class RejectedRowsResolver {
    @Authorized(Role.ADMIN)
    @Query(() => RejectedRowConnection, {
      name: `${prefix.toLowerCase()}RejectedRows`,
      nullable: true,
      description: `Rows ${TUTELLES[tutelle].name}'s sources rejected at their last read, each with its place and reason (admins).`,
    })
    async rejectedRows(
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() { loaders }: TutelleContext,
    ): Promise<Connection<RejectedRow>> {
      return paginate(await loaders.rejectedRows(), page);
    }
  }
  return RejectedRowsResolver;
}

/** Logs every read of the connector's sources (those read whole). */
export function logReadsOf(connector: TutelleConnector): void {
  connector.observeReads?.(logRead);
}

import { GraphQLError } from 'graphql';
import { ArgsType, ClassType, Directive, Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { ErrorCode } from './errors';
import { resolveSoleImplementation } from './tutelles';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor after which the page starts (`pageInfo.endCursor`).',
  })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

function EdgeType<T extends object>(name: string, node: ClassType<T> | Function) {
  @ObjectType(`${name}Edge`)
  @Directive('@shareable')
  class EdgeClass {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }
  return EdgeClass;
}

/** The fields every connection has, declared on `target` (an object type or an interface alike). */
function declareConnectionFields(target: Function, edge: Function, node: ClassType | Function): void {
  Field(() => [edge])(target.prototype, 'edges');
  Field(() => [node], { description: 'The page items, when cursors are not needed.' })(
    target.prototype,
    'nodes',
  );
  Field(() => PageInfo)(target.prototype, 'pageInfo');
  Field(() => Int, { description: 'Items in the whole list, all pages.' })(target.prototype, 'totalCount');
}

/**
 * A connection type for `node`: `InventoryRecordConnection { edges { cursor node } nodes pageInfo totalCount }`.
 * Shareable: every subgraph that returns the same node type declares the same connection.
 */
export function ConnectionType<T extends object>(name: string, node: ClassType<T> | Function) {
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  @Directive('@shareable')
  class ConnectionClass implements Connection<T> {
    edges!: Edge<T>[];
    nodes!: T[];
    pageInfo!: PageInfo;
    totalCount!: number;
  }
  declareConnectionFields(ConnectionClass, EdgeType(name, node), node);
  return ConnectionClass;
}

/**
 * The same connection as an interface, which each tutelle's subgraph implements with its own object type
 * (`UlExpenseConnection`). For a connection that a `@requires` field returns: Hive Gateway's runtime takes
 * the object type such a field alone returns as defined by that subgraph, and a type shared by four
 * subgraphs would then have four definitions. Implementations are registered by their subgraph.
 */
export function ConnectionInterface<T extends object>(name: string, node: ClassType<T> | Function) {
  @InterfaceType(`${name}Connection`, {
    description: `A page of ${name} items.`,
    autoRegisterImplementations: false,
    resolveType: resolveSoleImplementation,
  })
  abstract class ConnectionInterfaceClass implements Connection<T> {
    edges!: Edge<T>[];
    nodes!: T[];
    pageInfo!: PageInfo;
    totalCount!: number;
  }
  declareConnectionFields(ConnectionInterfaceClass, EdgeType(name, node), node);
  return ConnectionInterfaceClass;
}

const CURSOR_PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new GraphQLError(`Invalid cursor ${JSON.stringify(cursor)}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return offset;
}

/** Cut one page out of a list already in its stable order. */
export function paginate<T>(items: readonly T[], args: PageArgs): Connection<T> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  const start = args.after ? decodeCursor(args.after) + 1 : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    nodes: slice,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

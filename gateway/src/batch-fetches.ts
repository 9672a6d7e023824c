import {
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

/*
 * One request to a subgraph where @apollo/gateway would send several. Its query plans fetch entities of
 * one subgraph along several paths at the same step (a platform sheet asks UL for its staff members and,
 * in parallel, for its cost centres' equipment): two HTTP requests, two operations for the subgraph to
 * run. Fetches of the same client request to the same subgraph that start together are merged here into
 * one operation, each one's root fields aliased and variables renamed, and the answer split back. The
 * subgraph's DataLoaders then see every key of the step at once. Only fetches of one client request are
 * merged: one caller, one authorization.
 */

export interface SubgraphOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface SubgraphResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
  extensions?: Record<string, unknown>;
}

const alias = (index: number, field: FieldNode) => `b${index}_${field.alias?.value ?? field.name.value}`;

/** The one query operation of a subgraph fetch, or null when it cannot be merged (fragments, mutation). */
function mergeable(query: string): OperationDefinitionNode | null {
  const document: DocumentNode = parse(query, { noLocation: true });
  if (document.definitions.length !== 1) return null;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
  if (!operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD)) return null;
  return operation;
}

/** The operation with its variables renamed `$x` → `$b<index>_x` and its root fields aliased. */
function renamed(operation: OperationDefinitionNode, index: number): OperationDefinitionNode {
  const withVariables = visit(operation, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: `b${index}_${node.name.value}` } }),
  });
  return {
    ...withVariables,
    selectionSet: {
      ...withVariables.selectionSet,
      selections: withVariables.selectionSet.selections.map((s) => {
        const field = s as FieldNode;
        return { ...field, alias: { kind: Kind.NAME, value: alias(index, field) } } satisfies SelectionNode;
      }),
    },
  };
}

interface MergedShape {
  query: string;
  /** Per merged operation: its root fields' response keys, aliased → original. */
  keys: Array<Map<string, string>>;
}

/** Merged shapes by their operations' texts: the same plan merges the same way every time. */
const shapes = new Map<string, MergedShape | null>();
const MAX_SHAPES = 2000;

function shapeOf(queries: string[]): MergedShape | null {
  const key = queries.join('\u0000');
  if (shapes.has(key)) return shapes.get(key)!;
  const operations = queries.map(mergeable);
  let shape: MergedShape | null = null;
  if (operations.every((o) => o !== null)) {
    const parts = operations.map((o, i) => renamed(o!, i));
    const merged: OperationDefinitionNode = {
      kind: Kind.OPERATION_DEFINITION,
      operation: parts[0]!.operation,
      ...(parts[0]!.name ? { name: parts[0]!.name } : {}),
      variableDefinitions: parts.flatMap((p) => p.variableDefinitions ?? []) as VariableDefinitionNode[],
      directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections: parts.flatMap((p) => p.selectionSet.selections) },
    };
    shape = {
      query: print({ kind: Kind.DOCUMENT, definitions: [merged] }),
      keys: operations.map(
        (o, i) =>
          new Map(
            (o!.selectionSet.selections as FieldNode[]).map((f) => [
              alias(i, f),
              f.alias?.value ?? f.name.value,
            ]),
          ),
      ),
    };
  }
  if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
  shapes.set(key, shape);
  return shape;
}

export interface MergedOperation {
  request: SubgraphOperation;
  /** The merged answer, split back: one result per operation, in order. */
  split<Result extends SubgraphResult>(result: Result): Result[];
}

/** Several operations to one subgraph as one; null when they cannot be merged (sent apart then). */
export function mergeOperations(operations: SubgraphOperation[]): MergedOperation | null {
  const shape = shapeOf(operations.map((o) => o.query));
  if (!shape) return null;
  const variables: Record<string, unknown> = {};
  operations.forEach((o, i) => {
    for (const [name, value] of Object.entries(o.variables ?? {})) variables[`b${i}_${name}`] = value;
  });
  const operationName = operations[0]!.operationName;
  return {
    request: { query: shape.query, variables, ...(operationName ? { operationName } : {}) },
    split: <Result extends SubgraphResult>(result: Result) =>
      shape.keys.map((keys) => {
        const data =
          result.data == null
            ? result.data
            : Object.fromEntries(
                [...keys].map(([aliased, original]) => [original, result.data![aliased] ?? null]),
              );
        // An error under one operation's fields is that operation's; one without a path is every one's.
        const errors = result.errors?.flatMap((error) => {
          const head = error.path?.[0];
          if (typeof head !== 'string') return [error];
          const original = keys.get(head);
          return original === undefined ? [] : [{ ...error, path: [original, ...error.path!.slice(1)] }];
        });
        const { errors: _all, ...rest } = result;
        return (errors?.length ? { ...rest, data, errors } : { ...rest, data }) as Result;
      }),
  };
}

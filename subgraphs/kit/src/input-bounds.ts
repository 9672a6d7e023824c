import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, INPUT_BOUNDS } from '@hub/schema';
import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';

/*
 * Every string and list argument of an operation, literal or through a variable, within INPUT_BOUNDS,
 * checked once per request after parsing and before any resolver runs: one place for every service, no
 * per-field cost. The gateway's own `_entities` batches are not client input and are not counted.
 */

const GATEWAY_BATCH = 'representations';

/** Refused before execution: the whole request is bad (HTTP 400). */
const boundsError = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

/** Input objects nest no deeper in the schema; deeper JSON is an attack on the checker's stack. */
const MAX_NESTING = 8;

function checkCount(count: number, path: string): void {
  if (count > INPUT_BOUNDS.maxListLength)
    throw boundsError(`${path} has ${count} items; at most ${INPUT_BOUNDS.maxListLength}`);
}

function checkValue(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_NESTING) throw boundsError(`${path} nests deeper than ${MAX_NESTING} levels`);
  if (typeof value === 'string') {
    if (value.length > INPUT_BOUNDS.maxStringLength)
      throw boundsError(
        `${path} is ${value.length} characters long; at most ${INPUT_BOUNDS.maxStringLength}`,
      );
  } else if (Array.isArray(value)) {
    checkCount(value.length, path);
    for (const [i, item] of value.entries()) checkValue(item, `${path}[${i}]`, depth + 1);
  } else if (value != null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkValue(item, `${path}.${key}`, depth + 1);
  }
}

/** A literal argument: its strings and lists, and the variables it uses, within the bounds. */
function checkNode(node: ValueNode, path: string, variables: Record<string, unknown>): void {
  if (node.kind === Kind.VARIABLE) checkValue(variables[node.name.value], path);
  else if (node.kind === Kind.STRING) checkValue(node.value, path);
  else if (node.kind === Kind.LIST) {
    checkCount(node.values.length, path);
    for (const [i, item] of node.values.entries()) checkNode(item, `${path}[${i}]`, variables);
  } else if (node.kind === Kind.OBJECT)
    for (const field of node.fields) checkNode(field.value, `${path}.${field.name.value}`, variables);
}

/**
 * The arguments of a document to check, in document order, found once per parsed document: Apollo Server
 * hands every request of one operation the same document object, and walking it again for each request was
 * 3 % of the gateway's allocations on the inventory page (heap profile).
 */
const argumentsOf = new WeakMap<DocumentNode, Array<{ name: string; value: ValueNode }>>();

function checkedArguments(document: DocumentNode) {
  let found = argumentsOf.get(document);
  if (!found) {
    const list: Array<{ name: string; value: ValueNode }> = [];
    visit(document, {
      Argument(argument) {
        if (argument.name.value !== GATEWAY_BATCH)
          list.push({ name: argument.name.value, value: argument.value });
      },
    });
    found = list;
    argumentsOf.set(document, found);
  }
  return found;
}

/** Refuse (BAD_USER_INPUT, the argument's path in the message) what exceeds the bounds. */
export function useInputBounds<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const variables = request.variables ?? {};
          for (const argument of checkedArguments(document))
            checkNode(argument.value, argument.name, variables);
        },
      };
    },
  };
}

import {
  ApolloGateway,
  type Experimental_DidResolveQueryPlanCallback,
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import {
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

/*
 * A query whose plan is one fetch, of the client's own operation, to one subgraph (the steering committee's
 * totals: the site answers them alone) has that subgraph's answer for its answer. @apollo/gateway still
 * merges it into an empty tree and shapes it again field by field, which is most of the gateway's time on
 * a big answer (13 of 15 ms a request on the totals at ten times the demo). Such answers are passed
 * through instead. Decided once per operation, from its plan: anything else (several fetches, entities,
 * rewrites, the client's fragments, a fetch that is not exactly the client's selection) and any answer
 * with errors go the usual way, whose error handling then applies.
 *
 * The subgraph's schema is not the public one: an enum value or an object type may be `@inaccessible`,
 * a field nullable there may not be here. So an answer is passed through only when it completes as is
 * against the public schema (every enum value public, every `__typename` a public type of its field's,
 * no null where the public schema says non-null); any other goes the usual way, whose value completion
 * gives what stock @apollo/gateway gives (null, `extensions.valueCompletion`).
 */

/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION`, an enum @apollo/gateway does not export. */
const INCOMING_OPERATION = 'incoming operation' as Extract<
  GraphQLDataSourceProcessOptions,
  { incomingRequestContext: unknown }
>['kind'];

interface PassThrough {
  /** The public schema and the operation's root type and selection, to check answers against. */
  schema: GraphQLSchema;
  root: GraphQLObjectType;
  selectionSet: SelectionSetNode;
  source: GraphQLDataSource;
  operation: string;
  operationName: string | undefined;
  document: DocumentNode | undefined;
  variableUsages: string[];
}

type Plan = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type GatewayExecutor = Awaited<ReturnType<ApolloGateway['load']>>['executor'];
type GatewayGraphQLRequestContext = Parameters<GatewayExecutor>[0];

/** The one fetch a plan is, when its answer is the client's; null otherwise. */
function passThroughOf({ queryPlan, serviceMap, operationContext }: Plan): PassThrough | null {
  const node = queryPlan.node;
  if (node?.kind !== 'Fetch' || node.operationKind !== 'query' || node.requires) return null;
  if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) return null;
  if (Object.keys(operationContext.fragments).length > 0) return null;
  const fetched = (node.operationDocumentNode ?? parse(node.operation))
    .definitions[0] as OperationDefinitionNode;
  if (print(fetched.selectionSet) !== print(operationContext.operation.selectionSet)) return null;
  const source = serviceMap[node.serviceName];
  const root = operationContext.schema.getQueryType();
  if (!source || !root) return null;
  return {
    schema: operationContext.schema,
    root,
    selectionSet: operationContext.operation.selectionSet,
    source,
    operation: node.operation,
    operationName: node.operationName,
    document: node.operationDocumentNode,
    variableUsages: node.variableUsages ?? [],
  };
}

/** An operation's key: its query hash (a SHA-256 already) and operation name, as the gateway keys its plan. */
const planKey = (context: GatewayGraphQLRequestContext) =>
  `${context.queryHash}\u0000${context.request.operationName ?? ''}`;

/** @apollo/gateway, with the answers of single-fetch plans passed through. */
export class SingleFetchGateway extends ApolloGateway {
  /** Per operation: how to pass it through, or null when it goes the usual way. */
  private readonly passThroughs = new LRUCache<string, PassThrough | { none: true }>({ max: 2000 });

  constructor(config: ConstructorParameters<typeof ApolloGateway>[0]) {
    super({
      ...config,
      experimental_didResolveQueryPlan: (plan) => {
        const key = planKey(plan.requestContext);
        if (!this.passThroughs.has(key)) this.passThroughs.set(key, passThroughOf(plan) ?? { none: true });
        config?.experimental_didResolveQueryPlan?.(plan);
      },
    });
    // A new supergraph, new plans and data sources.
    this.onSchemaLoadOrUpdate(() => this.passThroughs.clear());
  }

  override async load(options?: Parameters<ApolloGateway['load']>[0]) {
    const loaded = await super.load(options);
    const executor: GatewayExecutor = async (context) => {
      const direct = this.passThroughs.get(planKey(context));
      if (direct && 'source' in direct) {
        const answer = await this.send(direct, context);
        if (answer) return answer;
      }
      return loaded.executor(context);
    };
    return { ...loaded, executor };
  }

  /** The fetch sent as @apollo/gateway sends it; its data, or null where the usual way must answer. */
  private async send(direct: PassThrough, context: GatewayGraphQLRequestContext) {
    const provided = context.request.variables ?? {};
    const variables = Object.fromEntries(
      direct.variableUsages
        .filter((name) => provided[name] !== undefined)
        .map((name) => [name, provided[name]]),
    );
    const response = await direct.source.process({
      kind: INCOMING_OPERATION,
      request: { query: direct.operation, variables, operationName: direct.operationName },
      incomingRequestContext: context,
      context: context.context,
      document: direct.document,
    });
    if (response.errors?.length || !response.data) return null;
    if (!completesAsIs(direct.schema, direct.root, direct.selectionSet, response.data)) return null;
    return { data: response.data };
  }
}

/** Whether `value`, an answer to `selectionSet` on `type`, is valid as is in the public schema. */
function completesAsIs(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  value: Record<string, unknown>,
): boolean {
  for (const selection of selectionSet.selections) {
    // Fragments are refused at planning; an inline one (a type condition) is checked by the usual way.
    if (selection.kind !== Kind.FIELD) return false;
    const key = selection.alias?.value ?? selection.name.value;
    const field = value[key];
    // Left out by @skip/@include.
    if (field === undefined) continue;
    if (selection.name.value === '__typename') {
      if (field !== type.name) return false;
      continue;
    }
    const definition = type.getFields()[selection.name.value];
    if (!definition || !valueCompletes(schema, definition.type, selection.selectionSet, field)) return false;
  }
  return true;
}

function valueCompletes(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode | undefined,
  value: unknown,
): boolean {
  if (isNonNullType(type)) return value != null && valueCompletes(schema, type.ofType, selectionSet, value);
  if (value == null) return true;
  if (isListType(type))
    return (
      Array.isArray(value) && value.every((item) => valueCompletes(schema, type.ofType, selectionSet, item))
    );
  const named = getNamedType(type);
  if (isEnumType(named)) return typeof value === 'string' && named.getValue(value) !== undefined;
  if (!selectionSet) return true;
  if (typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  let concrete: GraphQLObjectType | null = isObjectType(named) ? named : null;
  if (isAbstractType(named)) {
    // The runtime type must be public and one of the field's: without `__typename` it cannot be told.
    const runtime = schema.getType(String(object.__typename));
    concrete = runtime && isObjectType(runtime) && schema.isSubType(named, runtime) ? runtime : null;
  }
  return concrete !== null && completesAsIs(schema, concrete, selectionSet, object);
}

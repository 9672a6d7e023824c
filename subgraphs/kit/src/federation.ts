import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { authChecker } from './auth';

/** Federation 2 directives the hub's subgraphs use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/** `__resolveReference` per entity type: how this subgraph turns a key into the entity. */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: never) => unknown }
>;

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'authChecker' | 'validate'> {
  referenceResolvers?: ReferenceResolvers;
}

/**
 * A subgraph schema from type-graphql classes: the type-graphql schema is printed with its directives
 * (`@key`, `@shareable`) and rebuilt by @apollo/subgraph, which adds `_entities` and `_service`.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, ...typeGraphQLOptions } = options;
  const schema = await buildSchema({ ...typeGraphQLOptions, authChecker, validate: false });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      ...reference,
    } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

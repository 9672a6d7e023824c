import { Tutelle } from '@hub/schema';
import { buildSiteSchema } from '@hub/subgraph-site';
import { buildTutelleSchema } from '@hub/tutelle-subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * The subgraphs of the hub: what composition reads, and the URLs composed into the supergraph (the
 * development defaults; a deployment overrides them with `HUB_SUBGRAPH_URL_<NAME>`).
 */
export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  buildSchema: () => Promise<GraphQLSchema>;
}

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: 'site', defaultPort: 4001, buildSchema: buildSiteSchema },
  { name: 'ul', defaultPort: 4002, buildSchema: () => buildTutelleSchema(Tutelle.UL) },
  { name: 'cnrs', defaultPort: 4003, buildSchema: () => buildTutelleSchema(Tutelle.CNRS) },
  { name: 'inrae', defaultPort: 4004, buildSchema: () => buildTutelleSchema(Tutelle.INRAE) },
  { name: 'chru', defaultPort: 4005, buildSchema: () => buildTutelleSchema(Tutelle.CHRU) },
];

export const DEFAULT_GATEWAY_PORT = 4000;

export function defaultSubgraphUrl(subgraph: SubgraphDefinition): string {
  return `http://127.0.0.1:${subgraph.defaultPort}/graphql`;
}

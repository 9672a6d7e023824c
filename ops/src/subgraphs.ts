import { buildSiteSchema } from '@hub/subgraph-site';
import { buildTutelleSchema } from '@hub/tutelle-subgraph';
import type { GraphQLSchema } from 'graphql';
import { TUTELLE_DESCRIPTORS } from './tutelles';

/**
 * The subgraphs of the hub: what composition reads, and the URLs composed into the supergraph (the
 * development defaults; a deployment overrides them with `HUB_SUBGRAPH_URL_<NAME>`). Every registered
 * tutelle is composed, whether a site runs it or not: the graph's schema is the same on every site, and a
 * tutelle a site does not run is present and empty there (docs/ARCHITECTURE.md).
 */
export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  buildSchema: () => Promise<GraphQLSchema>;
}

export const DEFAULT_GATEWAY_PORT = 4000;
export const DEFAULT_SITE_PORT = 4001;

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: 'site', defaultPort: DEFAULT_SITE_PORT, buildSchema: buildSiteSchema },
  ...TUTELLE_DESCRIPTORS.map((d) => ({
    name: d.name,
    defaultPort: d.defaultPort,
    buildSchema: () => buildTutelleSchema(d.tutelle),
  })),
];

export function defaultSubgraphUrl(subgraph: SubgraphDefinition): string {
  return `http://127.0.0.1:${subgraph.defaultPort}/graphql`;
}

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { defaultSubgraphUrl, SUBGRAPHS } from './subgraphs';

/** Where the committed supergraph lives: the gateway serves it as it is. */
export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../gateway/supergraph.graphql');

/** Compose the subgraphs in-process with @apollo/composition (no binary to download). */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all(
    SUBGRAPHS.map(async (subgraph) => ({
      name: subgraph.name,
      url: defaultSubgraphUrl(subgraph),
      typeDefs: parse(printSubgraphSchema(await subgraph.buildSchema())),
    })),
  );
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export async function writeSupergraph(file = SUPERGRAPH_PATH): Promise<string> {
  const sdl = await composeSupergraph();
  writeFileSync(file, sdl);
  return sdl;
}

export function readCommittedSupergraph(file = SUPERGRAPH_PATH): string {
  return readFileSync(file, 'utf8');
}

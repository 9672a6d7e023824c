import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UlConnectorOptions } from '@hub/connector-ul';
import { startGateway } from '@hub/gateway';
import { SUPERGRAPH_PATH } from '@hub/ops';
import { type RunningServer } from '@hub/subgraph-kit';
import { loadRegistry, parseRegistryFile, startSiteSubgraph } from '@hub/subgraph-site';
import { startUlSubgraph } from '@hub/subgraph-ul';

export interface GraphQLResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export interface Hub {
  gatewayUrl: string;
  ul: Awaited<ReturnType<typeof startUlSubgraph>>;
  site: Awaited<ReturnType<typeof startSiteSubgraph>>;
  gateway: RunningServer;
  query<Data = Record<string, any>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; url?: string },
  ): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

/**
 * The whole hub on disposable ports: site (SQLite in a temporary folder, loaded from a registry file), UL
 * over the given source, and the gateway over the committed supergraph, talking real HTTP. Always `close()`.
 */
export async function startSubgraphsAndGateway(options: {
  registryFile: string;
  ul: UlConnectorOptions;
}): Promise<Hub> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const started: RunningServer[] = [];
  try {
    const site = await startSiteSubgraph({
      database: { kind: 'sqlite', file: path.join(dir, 'site.sqlite') },
      port: 0,
    });
    started.push(site);
    await loadRegistry(site.orm.em.fork(), parseRegistryFile(readFileSync(options.registryFile, 'utf8')));
    const ul = await startUlSubgraph({ source: options.ul, port: 0 });
    started.push(ul);
    const gateway = await startGateway({
      supergraphPath: SUPERGRAPH_PATH,
      port: 0,
      subgraphUrls: { site: site.url, ul: ul.url },
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      ul,
      site,
      gateway,
      query: (query, { variables, token, url } = {}) =>
        postGraphQL(url ?? gateway.url, query, variables, token),
      close: async () => {
        for (const server of started.reverse()) await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const server of started.reverse()) await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function postGraphQL<Data = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

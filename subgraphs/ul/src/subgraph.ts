import { UlConnector, type UlConnectorOptions } from '@hub/connector-ul';
import type { RunningServer } from '@hub/subgraph-kit';
import { startTutelleSubgraph } from '@hub/tutelle-subgraph';

export interface UlSubgraphOptions {
  source: UlConnectorOptions;
  port: number;
  host?: string;
}

/** Université de Lorraine's subgraph: the shared tutelle subgraph over UL's connector. */
export async function startUlSubgraph(
  options: UlSubgraphOptions,
): Promise<RunningServer & { connector: UlConnector }> {
  const connector = await UlConnector.connect(options.source);
  const server = await startTutelleSubgraph({ connector, port: options.port, host: options.host });
  return { ...server, connector };
}

import { SourceUnavailableError } from '@hub/source-kit';
import type { GraphQLFormattedError } from 'graphql';
import { gatewaySecret, SIGNATURE_HEADER, signServiceRequest } from './gateway-signature';
import { REQUEST_ID_HEADER } from './observability';

/*
 * How one of the hub's own services (the site) reads another subgraph: over HTTP, like the gateway, with a
 * signed service request, so that the tutelle's credentials stay in the tutelle's subgraph and its role
 * checks still apply (the caller is `service`, not whoever asked the site).
 */

export interface SubgraphClientOptions {
  /** The subgraph's name, for errors: `subgraph/ul`. */
  subgraph: string;
  /** Its GraphQL endpoint. */
  url: string;
  /** Who is calling, signed into each request: 'site'. */
  service: string;
  /** How long one request may take; 30 s by default (a whole inventory page from a cold replica). */
  timeoutMs?: number;
}

export interface SubgraphResponse<Data> {
  data: Data | null;
  errors: GraphQLFormattedError[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class SubgraphClient {
  private readonly secret = gatewaySecret();

  constructor(readonly options: SubgraphClientOptions) {}

  /**
   * One operation. A subgraph that cannot be reached, times out or answers other than GraphQL raises
   * `SourceUnavailableError('subgraph/<name>')`; GraphQL errors (a source down behind it) come back in
   * `errors` beside whatever data it could give.
   */
  async request<Data>(
    query: string,
    variables: Record<string, unknown> = {},
    context: { requestId?: string } = {},
  ): Promise<SubgraphResponse<Data>> {
    const { subgraph, url, service, timeoutMs = DEFAULT_TIMEOUT_MS } = this.options;
    const source = `subgraph/${subgraph}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signServiceRequest(this.secret, service, { query, variables }),
          ...(context.requestId ? { [REQUEST_ID_HEADER]: context.requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SourceUnavailableError(
        `Subgraph ${subgraph} did not answer: ${(error as Error).message}`,
        source,
        {
          cause: error,
        },
      );
    }
    const body = (await response.json().catch(() => null)) as {
      data?: Data | null;
      errors?: GraphQLFormattedError[];
    } | null;
    if (!body || (body.data == null && !body.errors)) {
      throw new SourceUnavailableError(`Subgraph ${subgraph} answered HTTP ${response.status}`, source);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

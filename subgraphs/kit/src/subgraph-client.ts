import { SourceUnavailableError, withRetries } from '@hub/source-kit';
import type { GraphQLFormattedError } from 'graphql';
import { gatewaySecret, SIGNATURE_HEADER, signServiceRequest } from './gateway-signature';
import { REQUEST_ID_HEADER } from './observability';
import { serviceSettings } from './settings';

/*
 * How one of the hub's own services (the site) reads another subgraph: over HTTP, like the gateway, with a
 * signed service request, so that the tutelle's credentials stay in the tutelle's subgraph and its role
 * checks still apply (the caller is `service`, not whoever asked the site). A subgraph that could not be
 * reached (a replica restarting) is tried again through the hub's one retry policy, as the gateway's fetches
 * are; one that answered in GraphQL is not, errors included: they are the subgraph's word on its sources.
 */

export interface SubgraphClientOptions {
  /** The subgraph's name, for errors: `subgraph/ul`. */
  subgraph: string;
  /** Its GraphQL endpoint. */
  url: string;
  /** Who is calling, signed into each request: 'site'. */
  service: string;
  /** How long one attempt may take; `HUB_SUBGRAPH_READ_TIMEOUT_MS` (30 s) by default. */
  timeoutMs?: number;
  /** Attempts after the first, for a subgraph that could not be reached; 2 by default. */
  retries?: number;
}

export interface SubgraphResponse<Data> {
  data: Data | null;
  errors: GraphQLFormattedError[];
}

export interface SubgraphRequestContext {
  /** Sent on as the request's id, for the logs of both services. */
  requestId?: string;
  /** The caller's: aborted, the request in flight is cancelled and none follows. */
  signal?: AbortSignal;
}

const BACKOFF = { baseMs: 100, maxMs: 1_000 };
const DEFAULT_RETRIES = 2;

/** A 502, 503 or 504: a proxy or replica between us and a live subgraph; another attempt may meet one. */
class GatewayStatusError extends Error {}

/** A failure another attempt may not meet: the attempt timed out, the connection was refused or reset, a 502-504. */
function transient(error: unknown): boolean {
  if (error instanceof GatewayStatusError) return true;
  if ((error as Error).name === 'TimeoutError') return true;
  const code = ((error as Error).cause as { code?: string } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

export class SubgraphClient {
  private readonly secret = gatewaySecret();
  private readonly timeoutMs: number;

  constructor(readonly options: SubgraphClientOptions) {
    this.timeoutMs = options.timeoutMs ?? serviceSettings().subgraphReadTimeoutMs;
  }

  /**
   * One operation. A subgraph that cannot be reached, times out or answers other than GraphQL, after its
   * retries, raises `SourceUnavailableError('subgraph/<name>')`; GraphQL errors (a source down behind it)
   * come back in `errors` beside whatever data it could give. An aborted `signal` rejects with its reason.
   */
  async request<Data>(
    query: string,
    variables: Record<string, unknown> = {},
    { requestId, signal }: SubgraphRequestContext = {},
  ): Promise<SubgraphResponse<Data>> {
    const { subgraph, retries = DEFAULT_RETRIES } = this.options;
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Signed anew each attempt: a signature is taken once by the subgraph.
          [SIGNATURE_HEADER]: signServiceRequest(this.secret, this.options.service, { query, variables }),
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (response.status >= 502 && response.status <= 504) {
        await response.text(); // read whole: its connection is free for the next attempt
        throw new GatewayStatusError(`HTTP ${response.status}`);
      }
      const text = await response.text();
      return { status: response.status, body: parsed<Data>(text) };
    };
    let answer: Awaited<ReturnType<typeof attempt>>;
    try {
      answer = await withRetries(attempt, { ...BACKOFF, retries, transient, signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const made = `${attempts} attempt${attempts > 1 ? 's' : ''}`;
      throw new SourceUnavailableError(
        `Subgraph ${subgraph} did not answer: ${(error as Error).message} (${made})`,
        `subgraph/${subgraph}`,
        { cause: error },
      );
    }
    const { status, body } = answer;
    if (!body || (body.data == null && !body.errors)) {
      throw new SourceUnavailableError(
        `Subgraph ${subgraph} answered HTTP ${status}`,
        `subgraph/${subgraph}`,
      );
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

/** A GraphQL answer's body; null when the text is not JSON. */
function parsed<Data>(text: string): { data?: Data | null; errors?: GraphQLFormattedError[] } | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

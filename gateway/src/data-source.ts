import { RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  type Caller,
  gatewaySecret,
  logger,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  signGatewayRequest,
} from '@hub/service-kit';
import { mergeOperations, type SubgraphOperation } from './batch-fetches';
import { allGone, withCallerSignal } from './caller-signal';

export interface GatewayContext {
  caller: Caller;
  authorization?: string;
  requestId?: string;
  /** Aborted when the client hangs up (the server's): its subgraph fetches are cancelled. */
  signal?: AbortSignal;
}

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
interface Waiting {
  options: ProcessOptions;
  resolve(response: SubgraphResponse): void;
  reject(error: unknown): void;
}

/** Fetches merged into one subgraph request at most: a bound on the merged operation's size. */
const MAX_MERGED_FETCHES = 8;

/** A copy of a JSON value: @apollo/gateway merges a fetch's answer into its result tree and rewrites it. */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Same operation, same variables: one fetch's answer serves the other. */
const sameFetchKey = (options: ProcessOptions) =>
  `${options.request.query}\u0000${JSON.stringify(options.request.variables ?? {})}`;

/**
 * Signs every subgraph request (subgraphs answer the gateway only) and forwards the caller's bearer
 * token: every subgraph verifies it again. With `batch`, the fetches to this subgraph that start together
 * for one caller (the same `authorization`: one request's parallel fetches, and those of its concurrent
 * requests) are sent as one request: the subgraph's DataLoaders then see all their keys at once. Never
 * across callers: the subgraph judges the one authorization the merged request carries. With `share`,
 * identical fetches among them (the same operation and variables: concurrent requests asking the same
 * thing) are sent once, each of the others answered with a copy of that answer (@apollo/gateway mutates
 * what it merges), whether the response cache is on or off.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly secret = gatewaySecret();
  /** Fetches waiting for the end of the current turn of the event loop, by caller. */
  private readonly waiting = new Map<string, Waiting[]>();
  /** Whether fetches that start together for one caller go as one request. */
  private readonly batch: boolean;
  /** Whether identical fetches among those merged are sent once. */
  private readonly share: boolean;

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & {
      batch?: boolean;
      share?: boolean;
    },
  ) {
    super(config);
    this.batch = config?.batch ?? true;
    this.share = config?.share ?? true;
  }

  override process(options: ProcessOptions): Promise<SubgraphResponse> {
    if (!this.batch || !('incomingRequestContext' in options))
      return withCallerSignal(options.context?.signal, () => super.process(options));
    return new Promise((resolve, reject) => {
      const caller = options.context.authorization ?? '';
      let queue = this.waiting.get(caller);
      if (!queue) {
        const started: Waiting[] = [];
        queue = started;
        this.waiting.set(caller, started);
        // Once this turn has started every fetch it has (a plan's step starts its fetches in one turn, and
        // the answers that arrive together continue their requests in one turn).
        setImmediate(() => {
          if (this.waiting.get(caller) === started) this.waiting.delete(caller);
          this.send(started);
        });
      }
      queue.push({ options, resolve, reject });
      // Full: the next fetches of this turn start another merged request.
      if (queue.length >= MAX_MERGED_FETCHES) this.waiting.delete(caller);
    });
  }

  private send(all: Waiting[]): void {
    // Identical fetches: the first is sent, the others wait for its answer.
    const copies = new Map<Waiting, Waiting[]>();
    let queue = all;
    if (this.share && all.length > 1) {
      const first = new Map<string, Waiting>();
      queue = [];
      for (const w of all) {
        const key = sameFetchKey(w.options);
        const sent = first.get(key);
        if (sent) copies.get(sent)!.push(w);
        else {
          first.set(key, w);
          copies.set(w, []);
          queue.push(w);
        }
      }
    }
    const answer = (w: Waiting, response: SubgraphResponse) => {
      w.resolve(response);
      for (const copy of copies.get(w) ?? [])
        copy.resolve({ ...response, data: copyOf(response.data), errors: copyOf(response.errors) });
    };
    const fail = (w: Waiting, error: unknown) => {
      w.reject(error);
      for (const copy of copies.get(w) ?? []) copy.reject(error);
    };
    let merged: ReturnType<typeof mergeOperations> = null;
    try {
      if (queue.length > 1)
        merged = mergeOperations(queue.map((w) => w.options.request as SubgraphOperation));
    } catch (error) {
      // Never expected (the planner's own operations), and never fatal: the fetches then go apart.
      logger.warn({ service: 'gateway', error: (error as Error).message }, 'subgraph fetches not merged');
    }
    // A request stops once every client whose fetch it carries has hung up.
    const signalOf = (ws: Waiting[]) => allGone(ws.map((w) => w.options.context?.signal));
    const group = (w: Waiting) => [w, ...(copies.get(w) ?? [])];
    if (!merged) {
      for (const w of queue)
        withCallerSignal(signalOf(group(w)), () => super.process(w.options)).then(
          (response) => answer(w, response),
          (error) => fail(w, error),
        );
      return;
    }
    const first = queue[0]!.options;
    withCallerSignal(signalOf(all), () =>
      super.process({ ...first, request: { ...merged.request }, document: undefined } as ProcessOptions),
    ).then(
      (response) => {
        for (const [i, part] of merged.split(response).entries()) answer(queue[i]!, part);
      },
      (error) => {
        for (const w of queue) fail(w, error);
      },
    );
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(
      SIGNATURE_HEADER,
      signGatewayRequest(this.secret, {
        query: request.query ?? '',
        variables: request.variables,
        authorization: context.authorization,
      }),
    );
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

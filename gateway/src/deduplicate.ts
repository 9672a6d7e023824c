import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { callerSignal, withCallerSignal } from './caller-signal';
import { mayBeMutation } from './mutation-body';
import type { GatewayPlugin } from './plugin';
import { SubgraphAnswer } from './pooled-fetcher';

/*
 * In-flight deduplication of subgraph fetches. When many clients ask the same thing at once (the portal's
 * list on its busiest minute), the gateway plans the same subgraph fetches for each: identical ones in
 * flight together are sent once and the answer shared. Identical means the same subgraph URL, the same body
 * (operation, variables, representations) and the same caller: the `authorization` header is part of the
 * key, so an answer shaped by one caller's rights is never given to another caller. Nothing is kept once
 * the fetch is answered: this is not a cache, a fetch that starts later is sent again.
 */

interface SharedAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** A fetch in flight and the callers waiting for it: it is cancelled once all of them have hung up. */
interface Shared {
  answer: Promise<SharedAnswer>;
  gone: AbortController;
  /** Callers still waiting that can hang up; Infinity once one that cannot has joined. */
  waiting: number;
}

/** The deduplication key, or null for what must not be shared (not a POST of a query). */
function keyOf(url: string, init: FetcherRequestInit | undefined): string | null {
  const body = init?.body;
  // A mutation is sent every time it is asked for.
  if (init?.method !== 'POST' || typeof body !== 'string' || mayBeMutation(body)) return null;
  return `${url}\n${init.headers?.authorization ?? ''}\n${body}`;
}

/**
 * A fetcher that sends identical concurrent fetches once. Each caller gets a Response of its own over the
 * shared body text, so no request's parsing or merging can touch another's objects.
 */
export function deduplicateFetches(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Shared>();
  return async (url, init) => {
    const key = keyOf(url, init);
    if (key === null) return fetcher(url, init);
    let shared = inFlight.get(key);
    if (!shared) {
      const gone = new AbortController();
      const answer = withCallerSignal(gone.signal, () => fetcher(url, init)).then(async (response) => ({
        status: response.status,
        headers: [...response.headers],
        body: await response.text(),
      }));
      const current: Shared = { answer, gone, waiting: 0 };
      shared = current;
      inFlight.set(key, current);
      const done = () => {
        if (inFlight.get(key) === current) inFlight.delete(key);
      };
      answer.then(done, done);
    }
    join(shared, callerSignal(), () => {
      inFlight.delete(key);
    });
    const { status, headers, body } = await shared.answer;
    return new SubgraphAnswer(url, status, headers, body);
  };
}

/** Counts a caller in; the last one's hang-up cancels the fetch (and `forget`s it: later ones send anew). */
function join(shared: Shared, signal: AbortSignal | undefined, forget: () => void): void {
  if (!signal) {
    shared.waiting = Number.POSITIVE_INFINITY;
    return;
  }
  shared.waiting += 1;
  const leave = () => {
    shared.waiting -= 1;
    if (shared.waiting === 0) {
      forget();
      shared.gone.abort(signal.reason);
    }
  };
  if (signal.aborted) leave();
  else {
    signal.addEventListener('abort', leave, { once: true });
    const settled = () => signal.removeEventListener('abort', leave);
    shared.answer.then(settled, settled);
  }
}

/** Identical subgraph fetches in flight together, for the same caller, sent once (`deduplicateFetches`). */
export function useFetchDeduplication(): GatewayPlugin {
  return { name: 'fetch-deduplication', fetcher: deduplicateFetches };
}

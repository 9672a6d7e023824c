import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
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
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init) => {
    const key = keyOf(url, init);
    if (key === null) return fetcher(url, init);
    let answer = inFlight.get(key);
    if (!answer) {
      answer = fetcher(url, init).then(async (response) => ({
        status: response.status,
        headers: [...response.headers],
        body: await response.text(),
      }));
      inFlight.set(key, answer);
      const done = () => inFlight.delete(key);
      answer.then(done, done);
    }
    const { status, headers, body } = await answer;
    return new SubgraphAnswer(url, status, headers, body);
  };
}

/** Identical subgraph fetches in flight together, for the same caller, sent once (`deduplicateFetches`). */
export function useFetchDeduplication(): GatewayPlugin {
  return { name: 'fetch-deduplication', fetcher: deduplicateFetches };
}

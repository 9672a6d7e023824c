import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { type RequestContext, type RunningServer, startGraphQLServer } from './server';

/*
 * Work whose caller has gone stops (issue 14, finding 1: a search kept the site busy for minutes after the
 * gateway gave up). Every resolver's context carries a signal aborted when the caller hangs up; the site's
 * inventory resolvers check it after their long step.
 */

/** A resolver that waits until the test lets it go, reporting its request's signal as it starts. */
function slowService() {
  let started!: (signal: AbortSignal) => void;
  const running = new Promise<AbortSignal>((resolve) => {
    started = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType<unknown, RequestContext>({
      name: 'Query',
      fields: {
        slow: {
          type: GraphQLString,
          resolve: async (_, __, { signal }) => {
            started(signal);
            await released;
            return 'done';
          },
        },
      },
    }),
  });
  return { schema, running, release };
}

/** Resolves once the signal aborts, or rejects after `ms` (a bound on a hang, not a wait on time). */
const abortOf = (signal: AbortSignal, ms: number) =>
  new Promise<unknown>((resolve, reject) => {
    if (signal.aborted) return resolve(signal.reason);
    const timer = setTimeout(() => reject(new Error(`not aborted within ${ms} ms`)), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(signal.reason);
    });
  });

describe('a request whose caller hung up', () => {
  let server: RunningServer;
  const service = slowService();
  beforeAll(async () => {
    server = await startGraphQLServer({
      name: 'probe',
      port: 0,
      schema: service.schema,
      context: () => ({}),
    });
  });
  afterAll(async () => {
    service.release();
    await server?.close();
  });

  const post = (query: string, signal: AbortSignal) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal,
    });

  it("aborts its resolvers' signal, naming why", async () => {
    const client = new AbortController();
    const sent = post('{ slow }', client.signal).catch((error: Error) => error.name);
    const signal = await service.running;
    expect(signal.aborted).toBe(false);
    client.abort();
    expect(await sent).toBe('AbortError');
    expect(await abortOf(signal, 10_000)).toEqual(new Error('The caller hung up'));
  });
});

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { PUBLIC_CALLER, type RunningServer, startGraphQLServer } from '@hub/service-kit';
import { buildSchema, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import { CACHE_STATUS_HEADER, useResponseCache } from './response-cache';

/** A schema of its own, with a mutation and a name outside Latin-1, and the resolvers' call counts. */
function testSchema() {
  const calls = { count: 0, slow: 0 };
  let count = 0;
  const schema = buildSchema(
    'type Query { count: Int slow: Int name: String } type Mutation { increment: Int }',
  );
  const resolve = (
    type: GraphQLObjectType | null | undefined,
    field: string,
    fn: GraphQLFieldResolver<unknown, unknown>,
  ) => {
    type!.getFields()[field]!.resolve = fn;
  };
  resolve(schema.getQueryType(), 'count', () => {
    calls.count += 1;
    return count;
  });
  // Computed once per call, after a while: what a TTL ending under load costs.
  resolve(schema.getQueryType(), 'slow', async () => {
    calls.slow += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return calls.slow;
  });
  resolve(schema.getQueryType(), 'name', () => 'Plateforme d’analyse élémentaire');
  resolve(schema.getMutationType(), 'increment', () => ++count);
  return { schema, calls };
}

/** What a plugin adds to every answer it executes (not to a hit): the cache must keep it. */
const withExtensions: ApolloServerPlugin = {
  async requestDidStart() {
    let executed = false;
    return {
      async executionDidStart() {
        executed = true;
      },
      async willSendResponse({ response }) {
        if (executed && response.body.kind === 'single')
          response.body.singleResult.extensions = { served: 'by the test' };
      },
    };
  },
};

describe('useResponseCache over HTTP', () => {
  const { schema, calls } = testSchema();
  const cache = useResponseCache({ ttlSeconds: 60 });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphQLServer({
      name: 'response-cache-test',
      port: 0,
      schema,
      context: () => ({ caller: PUBLIC_CALLER }),
      plugins: [withExtensions, cache.apollo!],
    });
  });
  afterAll(async () => {
    await server?.close();
    await cache.close?.();
  });

  const post = async (query: string) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const headers = Object.fromEntries(
      [...response.headers].filter(([name]) => !['date', 'x-request-id', CACHE_STATUS_HEADER].includes(name)),
    );
    return {
      status: response.headers.get(CACHE_STATUS_HEADER),
      headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  it('answers a hit with the bytes and headers of the miss, extensions kept, nothing computed again', async () => {
    const miss = await post('{ count name }');
    const hit = await post('{ count name }');
    expect([miss.status, hit.status]).toEqual(['miss', 'hit']);
    expect(calls.count).toBe(1);
    expect(hit.bytes.equals(miss.bytes)).toBe(true);
    expect(hit.headers).toEqual(miss.headers);
    // Apollo Server's own serialisation, byte for byte: errors, data, extensions, then a newline.
    expect(miss.bytes.toString('utf8')).toBe(
      '{"data":{"count":0,"name":"Plateforme d’analyse élémentaire"},"extensions":{"served":"by the test"}}\n',
    );
    expect(miss.headers['content-length']).toBe(String(miss.bytes.length));
    expect(miss.headers.etag).toBeUndefined();
  });

  it('never answers a mutation from the cache; a query, until its TTL', async () => {
    const data = async (query: string) => JSON.parse((await post(query)).bytes.toString('utf8')).data;
    expect(await data('mutation { increment }')).toEqual({ increment: 1 });
    expect(await data('mutation { increment }')).toEqual({ increment: 2 });
    expect(await data('{ count }')).toEqual({ count: 2 });
    await data('mutation { increment }');
    expect(await data('{ count }')).toEqual({ count: 2 });
  });

  it('computes an answer once for the requests that miss it together, and answers all of them', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => post('{ slow }')));
    expect(answers.map((a) => a.bytes.toString('utf8'))).toEqual(
      Array(4).fill('{"data":{"slow":1},"extensions":{"served":"by the test"}}\n'),
    );
    expect(calls.slow).toBe(1);
  });
});

/** Without HTTP (`executeOperation`), a hit is the value itself, extensions included. */
describe('useResponseCache in executeOperation', () => {
  const { schema } = testSchema();
  const cache = useResponseCache({ ttlSeconds: 60 });
  const server = new ApolloServer<{ caller: typeof PUBLIC_CALLER }>({
    schema,
    plugins: [withExtensions, cache.apollo!],
  });
  beforeAll(() => server.start());
  afterAll(async () => {
    await server.stop();
    await cache.close?.();
  });

  it('answers a hit with the data and extensions of the miss', async () => {
    const run = async () => {
      const { body } = await server.executeOperation(
        { query: '{ name }' },
        { contextValue: { caller: PUBLIC_CALLER } },
      );
      return body.kind === 'single' ? body.singleResult : null;
    };
    const miss = await run();
    const hit = await run();
    expect(hit).toEqual(miss);
    expect(hit?.extensions).toEqual({ served: 'by the test' });
  });
});

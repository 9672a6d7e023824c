import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { Role } from '@hub/schema';
import {
  jwtSecret,
  mintToken,
  PUBLIC_CALLER,
  type RunningServer,
  startGraphQLServer,
} from '@hub/service-kit';
import { buildSchema, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import { Registry } from 'prom-client';
import { CACHE_STATUS_HEADER, useResponseCache } from './response-cache';

/** A schema of its own, with a mutation and a name outside Latin-1, and the resolvers' call counts. */
function testSchema() {
  const calls = { count: 0, slow: 0 };
  let count = 0;
  const schema = buildSchema(
    'type Query { count: Int slow: Int name: String roles: [String] echo(text: String): String } type Mutation { increment: Int }',
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
  resolve(
    schema.getQueryType(),
    'roles',
    (_root, _args, context) => (context as { caller: typeof PUBLIC_CALLER }).caller.roles,
  );
  resolve(schema.getQueryType(), 'echo', (_root, args) => (args as { text: string }).text);
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

/**
 * Hits answered before Apollo Server's pipeline (the gateway's configuration): the same bytes and headers as
 * the pipeline's, never across scopes, counted in the metrics like any answer.
 */
describe('useResponseCache with its shortcut over HTTP', () => {
  const { schema, calls } = testSchema();
  const metrics = new Registry();
  const cache = useResponseCache({ ttlSeconds: 60, metrics });
  let pipelineRuns = 0;
  const countRuns: ApolloServerPlugin = {
    async requestDidStart() {
      pipelineRuns += 1;
    },
  };
  let server: RunningServer;
  let central: string;
  beforeAll(async () => {
    central = await mintToken(jwtSecret(), { subject: 'central-1', roles: [Role.CENTRAL] });
    server = await startGraphQLServer({
      name: 'response-cache-shortcut-test',
      port: 0,
      schema,
      metrics,
      context: (caller) => ({ caller }),
      plugins: [countRuns, withExtensions, cache.apollo!],
      shortcut: cache.shortcut!,
    });
  });
  afterAll(async () => {
    await server?.close();
    await cache.close?.();
  });

  const post = async (body: object, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.headers.get(CACHE_STATUS_HEADER),
      headers: Object.fromEntries(
        [...response.headers].filter(([name]) => !['date', 'x-request-id'].includes(name)),
      ),
      text: await response.text(),
    };
  };
  const requests = async (outcome: string) => {
    const text = await metrics.metrics();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`hub_graphql_requests_total{operation="Sheet",outcome="${outcome}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('answers a known request without the pipeline, with the bytes and headers of a hit through it', async () => {
    const body = { query: 'query Sheet { count name }', operationName: 'Sheet' };
    const miss = await post(body);
    const runs = pipelineRuns;
    const hit = await post(body);
    expect([miss.status, hit.status]).toEqual(['miss', 'hit']);
    expect(pipelineRuns).toBe(runs);
    expect(calls.count).toBe(1);
    expect(hit.text).toBe(miss.text);
    expect(hit.headers).toEqual({ ...miss.headers, [CACHE_STATUS_HEADER]: 'hit' });
    // The metrics count the shortcut's answers as the pipeline's: two requests, both ok.
    expect(await requests('ok')).toBe(2);
    expect(await metrics.metrics()).toMatch(
      /hub_cache_lookups_total\{cache="response",outcome="hit"[^}]*\} 1/,
    );
  });

  it("answers no caller with another scope's answer", async () => {
    const body = { query: '{ roles }' };
    const anonymous = await post(body);
    const withToken = await post(body, { authorization: `Bearer ${central}` });
    expect([anonymous.status, withToken.status]).toEqual(['miss', 'miss']);
    expect(JSON.parse(withToken.text).data).toEqual({ roles: [Role.CENTRAL] });
    const [again, againWithToken] = [
      await post(body),
      await post(body, { authorization: `Bearer ${central}` }),
    ];
    expect([again.status, againWithToken.status]).toEqual(['hit', 'hit']);
    expect(again.text).toBe(anonymous.text);
    expect(againWithToken.text).toBe(withToken.text);
  });

  it('keys on the variables, and leaves a bad token to the pipeline', async () => {
    const query = 'query Echo($text: String) { echo(text: $text) }';
    const first = await post({ query, variables: { text: 'un' } });
    const other = await post({ query, variables: { text: 'deux' } });
    expect([first.status, other.status]).toEqual(['miss', 'miss']);
    expect(JSON.parse(other.text).data).toEqual({ echo: 'deux' });
    const refused = await post({ query, variables: { text: 'un' } }, { authorization: 'Bearer not-a-token' });
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("sends the content type Apollo Server negotiates for the request's Accept header", async () => {
    const body = { query: '{ name }' };
    const accept = { accept: 'application/graphql-response+json' };
    const miss = await post(body, accept);
    const hit = await post(body, accept);
    expect(hit.status).toBe('hit');
    expect(hit.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect((await post(body)).headers['content-type']).toBe('application/json; charset=utf-8');
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

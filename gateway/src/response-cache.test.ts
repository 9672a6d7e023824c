import { ApolloServer } from '@apollo/server';
import { PUBLIC_CALLER } from '@hub/subgraph-kit';
import { useResponseCache } from './response-cache';

/** The plugin on a schema of its own, with a mutation: what is never kept, whatever the TTL. */
describe('useResponseCache', () => {
  let count = 0;
  const cache = useResponseCache({ ttlSeconds: 60 });
  const server = new ApolloServer<{ caller: typeof PUBLIC_CALLER }>({
    typeDefs: 'type Query { count: Int } type Mutation { increment: Int }',
    resolvers: { Query: { count: () => count }, Mutation: { increment: () => ++count } },
    plugins: [cache.plugin],
  });
  const run = async (query: string) => {
    const { body } = await server.executeOperation({ query }, { contextValue: { caller: PUBLIC_CALLER } });
    return body.kind === 'single' ? body.singleResult.data : null;
  };
  beforeAll(() => server.start());
  afterAll(async () => {
    await server.stop();
    await cache.close();
  });

  it('never answers a mutation from the cache; a query, until its TTL', async () => {
    expect(await run('mutation { increment }')).toEqual({ increment: 1 });
    expect(await run('mutation { increment }')).toEqual({ increment: 2 });
    expect(await run('{ count }')).toEqual({ count: 2 });
    await run('mutation { increment }');
    expect(await run('{ count }')).toEqual({ count: 2 });
  });
});

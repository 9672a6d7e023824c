import { ApolloServer } from '@apollo/server';
import { PUBLIC_CALLER } from '@hub/subgraph-kit';
import { useResponseCache } from './response-cache';

/** The plugin on a schema of its own, with a mutation: what is never kept, whatever the TTL. */
describe('useResponseCache', () => {
  let count = 0;
  let computations = 0;
  const cache = useResponseCache({ ttlSeconds: 60 });
  const server = new ApolloServer<{ caller: typeof PUBLIC_CALLER }>({
    typeDefs: 'type Query { count: Int slow: Int } type Mutation { increment: Int }',
    resolvers: {
      Query: {
        count: () => count,
        // Computed once per call, after a while: what a TTL ending under load costs.
        slow: async () => {
          computations += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return computations;
        },
      },
      Mutation: { increment: () => ++count },
    },
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

  it('computes an answer once for the requests that miss it together, and answers all of them', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => run('{ slow }')));
    expect(answers).toEqual([{ slow: 1 }, { slow: 1 }, { slow: 1 }, { slow: 1 }]);
    expect(computations).toBe(1);
  });
});

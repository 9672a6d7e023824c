import { ApolloServer } from '@apollo/server';
import { Role } from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { useResponseCache } from './response-cache';

/** Callers whose scopes differ never share an answer, whatever their claims hold (`+`, `:`). */
describe('the response cache key', () => {
  const cache = useResponseCache({ ttlSeconds: 60 });
  const server = new ApolloServer<{ caller: Caller }>({
    typeDefs: 'type Query { platforms: [String] }',
    resolvers: { Query: { platforms: (_root, _args, { caller }) => caller.platforms } },
    plugins: cache.apollo ? [cache.apollo] : [],
  });
  const ask = async (platforms: string[]) => {
    const caller = { roles: [Role.PLATFORM], platforms, subject: 'm' };
    const { body } = await server.executeOperation({ query: '{ platforms }' }, { contextValue: { caller } });
    return body.kind === 'single' ? body.singleResult.data : null;
  };
  beforeAll(() => server.start());
  afterAll(async () => {
    await server.stop();
    await cache.close?.();
  });

  it('keeps a claim holding `+` apart from the claims it would join into', async () => {
    expect(await ask(['A', 'B'])).toEqual({ platforms: ['A', 'B'] });
    expect(await ask(['A+B'])).toEqual({ platforms: ['A+B'] });
    expect(await ask(['A:B'])).toEqual({ platforms: ['A:B'] });
  });
});

import { mayBeMutation } from './mutation-body';

describe('whether a subgraph body may carry a mutation', () => {
  const body = (query: string) => JSON.stringify({ query, variables: {} });

  it('reads Apollo-shaped bodies from their first characters', () => {
    expect(mayBeMutation(body('query Q { a }'))).toBe(false);
    expect(mayBeMutation(body('{ _entities { __typename } }'))).toBe(false);
    expect(mayBeMutation(body('mutation M { confirm }'))).toBe(true);
  });

  it('parses any other body, and takes what it cannot read for a mutation', () => {
    expect(mayBeMutation(JSON.stringify({ variables: {}, query: 'query Q { a }' }))).toBe(false);
    expect(mayBeMutation(JSON.stringify({ variables: {}, query: ' mutation M { a }' }))).toBe(true);
    expect(mayBeMutation('not json')).toBe(true);
    expect(mayBeMutation(undefined)).toBe(true);
  });
});

import { SourceContractError } from '@hub/source-kit';
import type { HttpJsonClient, HttpStats, Query } from './client';
import { fetchAllPages } from './pages';

/** A client answering from a script of pages, counting a request per page like the real one. */
function scripted(pages: unknown[]): HttpJsonClient & { queries: Query[] } {
  const stats: HttpStats = {
    requests: 0,
    retries: 0,
    status429: 0,
    status503: 0,
    timeouts: 0,
    retryWaitMs: 0,
    pacingWaitMs: 0,
  };
  const queries: Query[] = [];
  return {
    source: 'CHRU/gmao',
    stats,
    queries,
    async getJson<T>(_path: string, query: Query = {}) {
      stats.requests += 1;
      queries.push(query);
      return pages.shift() as T;
    },
  };
}

const page = (n: number, data: number[], total: number, pageSize = 2) => ({ data, page: n, pageSize, total });

async function collect(read: AsyncIterable<{ item: number; page: number }>) {
  const seen: Array<[number, number]> = [];
  for await (const { item, page: n } of read) seen.push([item, n]);
  return seen;
}

describe('reading every page', () => {
  it('stops at the page that reaches total, with each item and its page number', async () => {
    const client = scripted([page(1, [1, 2], 5), page(2, [3, 4], 5), page(3, [5], 5)]);
    const read = fetchAllPages<number>(client, '/items', { pageSize: 2 });
    expect(await collect(read)).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
    ]);
    expect(client.queries).toEqual([1, 2, 3].map((n) => ({ page: n, pageSize: 2 })));
    expect(read.stats).toMatchObject({ pages: 3, items: 5, requests: 3, totals: [5], totalChanged: false });
  });

  it('stops at an empty page when the source overstated its total', async () => {
    const read = fetchAllPages<number>(scripted([page(1, [1, 2], 10), page(2, [], 10)]), '/items');
    expect(await collect(read)).toHaveLength(2);
    expect(read.stats.pages).toBe(2);
  });

  it('follows the page size the source applied when smaller than the one asked for', async () => {
    const client = scripted([page(1, [1], 2, 1), page(2, [2], 2, 1)]);
    expect(await collect(fetchAllPages<number>(client, '/items', { pageSize: 200 }))).toHaveLength(2);
  });

  it('refuses a page it cannot read, naming the source', async () => {
    for (const answer of [null, { items: [] }, { ...page(1, [], 1), total: '1' }, page(2, [1], 1)]) {
      const read = fetchAllPages<number>(scripted([answer]), '/items');
      await expect(collect(read)).rejects.toThrow(SourceContractError);
    }
    const read = fetchAllPages<number>(scripted([page(3, [1], 1)]), '/items');
    await expect(collect(read)).rejects.toThrow('CHRU/gmao: GET /items page 1: answered page 3 instead');
  });

  it('asks for no more than 200 items a page', () => {
    expect(() => fetchAllPages(scripted([]), '/items', { pageSize: 201 })).toThrow(RangeError);
  });
});

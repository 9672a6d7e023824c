import { type ReadOptions, SourceContractError } from '@hub/source-kit';
import type { HttpJsonClient, HttpStats } from './client';

/** A page as the tutelles' APIs answer it (docs/SOURCES.md, CHRU GMAO). `page` counts from 1. */
export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PagedItem<T> {
  item: T;
  page: number;
}

/** What one read of every page cost, and whether its snapshot can be trusted. */
export interface PageReadStats {
  pages: number;
  items: number;
  /**
   * Each distinct `total` the source reported, in order. More than one: the source changed during the read,
   * so items may have been skipped or seen twice across pages.
   */
  totals: number[];
  totalChanged: boolean;
  /** The client's counters over the read (another caller on the same client meanwhile counts too). */
  requests: number;
  retries: number;
  status429: number;
  status503: number;
  retryWaitMs: number;
  pacingWaitMs: number;
}

/** Its stats fill in as it goes, and are its return value. */
export type PageRead<T> = AsyncGenerator<PagedItem<T>, PageReadStats, undefined> & {
  readonly stats: PageReadStats;
};

export const MAX_PAGE_SIZE = 200;

/**
 * Every item behind a paged endpoint, page after page, each with its page number. Stops at the page that
 * reaches `total`, or at an empty page (a source that overstated its total), or when `signal` aborts.
 */
export function fetchAllPages<T>(
  client: HttpJsonClient,
  path: string,
  { pageSize = MAX_PAGE_SIZE, signal }: { pageSize?: number } & ReadOptions = {},
): PageRead<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  const stats: PageReadStats = {
    pages: 0,
    items: 0,
    totals: [],
    totalChanged: false,
    requests: 0,
    retries: 0,
    status429: 0,
    status503: 0,
    retryWaitMs: 0,
    pacingWaitMs: 0,
  };
  const counted = ['requests', 'retries', 'status429', 'status503', 'retryWaitMs', 'pacingWaitMs'] as const;

  async function* read(): AsyncGenerator<PagedItem<T>, PageReadStats, undefined> {
    const before: HttpStats = { ...client.stats };
    for (let page = 1; ; page++) {
      const answer = await client.getJson<unknown>(path, { page, pageSize }, { signal }).finally(() => {
        for (const key of counted) stats[key] = client.stats[key] - before[key];
      });
      const { data, total, pageSize: answeredSize } = checkPage<T>(client.source, path, page, answer);
      stats.pages += 1;
      if (stats.totals.at(-1) !== total) stats.totals.push(total);
      stats.totalChanged = stats.totals.length > 1;
      for (const item of data) {
        stats.items += 1;
        yield { item, page };
      }
      // The size the source applied, which may be smaller than the one asked for.
      if (data.length === 0 || page * answeredSize >= total) return stats;
    }
  }

  return Object.assign(read(), { stats });
}

function checkPage<T>(source: string, path: string, page: number, answer: unknown): Page<T> {
  const refuse = (what: string) =>
    new SourceContractError(`${source}: GET ${path} page ${page}: ${what}`, source);
  if (answer === null) throw refuse('not found (HTTP 404) on a list endpoint');
  const body = answer as Partial<Page<T>>;
  if (typeof body !== 'object' || !Array.isArray(body.data)) throw refuse('no `data` array');
  if (!isCount(body.total)) throw refuse(`\`total\` is not a count: ${JSON.stringify(body.total)}`);
  if (!isCount(body.pageSize) || body.pageSize === 0)
    throw refuse(`\`pageSize\` is not a positive count: ${JSON.stringify(body.pageSize)}`);
  if (body.page !== page) throw refuse(`answered page ${JSON.stringify(body.page)} instead`);
  return body as Page<T>;
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

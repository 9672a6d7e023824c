// @hub/connector-http: tutelles' HTTP JSON APIs, read politely. Add exports with intention: it is public API.

export type { Backoff } from '@hub/source-kit';
export {
  createHttpJsonClient,
  type HttpJsonClient,
  type HttpJsonClientOptions,
  type HttpStats,
  type Query,
} from './client';
export {
  fetchAllPages,
  MAX_PAGE_SIZE,
  type Page,
  type PagedItem,
  type PageRead,
  type PageReadStats,
} from './pages';

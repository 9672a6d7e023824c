import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChruEquipement } from './rows';

/*
 * A stand-in for the CHRU's GMAO API, which the hub cannot reach from a test or a demo machine: test and
 * demo tooling, never part of the product. It speaks docs/SOURCES.md's contract exactly (routes, bearer
 * token, page shape, pageSize ≤ 200, 429 above the rate limit, 503 now and then) and nothing more.
 */

/** An item of `GET /api/v1/equipements`, as docs/SOURCES.md shows it: the demo generator's CHRU rows. */
export type GmaoEquipement = ChruEquipement;

export interface GmaoFaults {
  /** Share of requests answered 503, drawn from `seed`: the same run meets the same 503s. */
  status503Probability?: number;
  /** Every n-th request answered 503. */
  status503Every?: number;
  seed?: number;
  /** Delay before every answer, ms: a slow source. */
  latencyMs?: number;
}

export interface GmaoStandInOptions {
  /** Read on every request, not copied: a test may change them mid-read, as the real source may. */
  items: GmaoEquipement[];
  token: string;
  port?: number;
  host?: string;
  rateLimitPerSecond?: number;
  faults?: GmaoFaults;
}

export interface GmaoStandInStats {
  requests: number;
  /** Answers by HTTP status. */
  byStatus: Record<number, number>;
  /** Most requests seen in one sliding second: above the limit means a client that does not pace itself. */
  peakPerSecond: number;
}

export interface GmaoStandIn {
  /** Base URL, for the client's `baseUrl`: 'http://127.0.0.1:PORT'. */
  readonly url: string;
  readonly requests: number;
  readonly stats: GmaoStandInStats;
  close(): Promise<void>;
}

const LIST = '/api/v1/equipements';

/** Uniform draws in [0, 1) from a seed (mulberry32, as the demo generator's): the same run meets the same 503s. */
function seededDraws(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 100;

export async function startGmaoStandIn(options: GmaoStandInOptions): Promise<GmaoStandIn> {
  const { items, token, port = 0, host = '127.0.0.1', rateLimitPerSecond = 10, faults = {} } = options;
  const draw = seededDraws(faults.seed ?? 1);
  const stats: GmaoStandInStats = { requests: 0, byStatus: {}, peakPerSecond: 0 };
  /** Arrival times within the last second: a sliding window, as API gateways count. */
  const arrivals: number[] = [];
  /** Requests past the rate limit, which the 503 faults count. */
  let admitted = 0;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (faults.latencyMs) setTimeout(answer, faults.latencyMs);
    else answer();
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests += 1;
    const now = performance.now();
    while (arrivals.length > 0 && arrivals[0]! <= now - 1000) arrivals.shift();
    arrivals.push(now);
    stats.peakPerSecond = Math.max(stats.peakPerSecond, arrivals.length);
    // Limit and outages come before authentication, as from the gateway in front of the real API.
    if (arrivals.length > rateLimitPerSecond)
      return send(
        res,
        429,
        { error: `more than ${rateLimitPerSecond} requests a second` },
        { 'retry-after': '1' },
      );
    admitted += 1;
    const every = faults.status503Every;
    const probability = faults.status503Probability;
    if ((every && admitted % every === 0) || (probability && draw() < probability))
      return send(res, 503, { error: 'service temporarily unavailable' });
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: 'invalid or missing bearer token' }, { 'www-authenticate': 'Bearer' });
    if (req.method !== 'GET') return send(res, 405, { error: 'GET only' }, { allow: 'GET' });

    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === LIST) {
      const page = count(url.searchParams.get('page'), 1);
      const pageSize = count(url.searchParams.get('pageSize'), DEFAULT_PAGE_SIZE);
      if (page === null || page < 1) return send(res, 400, { error: 'page must be an integer ≥ 1' });
      if (pageSize === null || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
        return send(res, 400, { error: `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}` });
      const data = items.slice((page - 1) * pageSize, page * pageSize);
      return send(res, 200, { data, page, pageSize, total: items.length });
    }
    if (url.pathname.startsWith(`${LIST}/`)) {
      const id = decodeURIComponent(url.pathname.slice(LIST.length + 1));
      const item = items.find((candidate) => candidate.id === id);
      return item ? send(res, 200, item) : send(res, 404, { error: `no equipment ${id}` });
    }
    return send(res, 404, { error: `no route ${url.pathname}` });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    get requests() {
      return stats.requests;
    },
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive: without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** A query parameter that must be a whole number; its default when absent, null when malformed. */
function count(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

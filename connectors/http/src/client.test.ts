import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { SourceContractError, SourceUnavailableError } from '@hub/source-kit';
import { createHttpJsonClient, type HttpJsonClientOptions } from './client';
import { parseRetryAfter } from './retry';

/*
 * The client against small scripted servers: each test says what the source answers, request by request.
 * Retry-After waits go through an injected sleep that records them, so that a 30 s Retry-After costs
 * nothing; backoffs are real, and kept short.
 */

type Answer = { status: number; body?: string; headers?: Record<string, string> };

let server: Server;
let base: string;
let script: Array<Answer | ((req: IncomingMessage) => Answer)> = [];
let seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req);
    const next = script.shift() ?? { status: 500, body: 'script exhausted' };
    const answer = typeof next === 'function' ? next(req) : next;
    res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script = [];
  seen = [];
});

function client(options: Partial<HttpJsonClientOptions> = {}) {
  const sleeps: number[] = [];
  const made = createHttpJsonClient({
    source: 'CHRU/gmao',
    baseUrl: base,
    token: 's3cret',
    maxRequestsPerSecond: Number.POSITIVE_INFINITY,
    backoff: { baseMs: 1, maxMs: 5 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client: made, sleeps };
}

const json = (value: unknown): Answer => ({
  status: 200,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

describe('HTTP JSON client', () => {
  it('sends the bearer token and asks for JSON, with the query under the base path', async () => {
    script = [json({ ok: true })];
    const { client: gmao } = client({ baseUrl: `${base}/gmao/` });
    await expect(gmao.getJson('/api/v1/equipements', { page: 2, pageSize: 50 })).resolves.toEqual({
      ok: true,
    });
    expect(seen[0]!.url).toBe('/gmao/api/v1/equipements?page=2&pageSize=50');
    expect(seen[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(seen[0]!.headers.accept).toBe('application/json');
  });

  it('answers null on 404, for the caller to read as an unknown id', async () => {
    script = [{ status: 404, body: '{"error":"no equipment"}' }];
    await expect(client().client.getJson('/api/v1/equipements/GMAO-999999')).resolves.toBeNull();
  });

  it('refuses a token once, without retrying, and never writes the token into the error', async () => {
    script = [{ status: 401 }, json({})];
    const { client: gmao } = client();
    const error = await gmao.getJson('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect(error).toMatchObject({
      source: 'CHRU/gmao',
      message: expect.stringMatching(/token refused.*1 attempt\)/),
    });
    expect((error as Error).message).not.toContain('s3cret');
    expect(gmao.stats.requests).toBe(1);
  });

  it('gives other 4xx as a contract error with the status and the start of the body', async () => {
    script = [
      { status: 400, body: `{"error":\n  "pageSize must be at most 200", "trace": "${'x'.repeat(500)}"}` },
    ];
    const error = await client()
      .client.getJson('/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    const { message } = error as Error;
    expect(message).toMatch(
      /^CHRU\/gmao: GET \/x: HTTP 400: \{"error": "pageSize must be at most 200", "trace": "x+… \(1 attempt\)$/,
    );
    expect(message.length).toBeLessThan(260);
  });

  it('refuses a body that is not JSON, keeping the parser error as cause', async () => {
    script = [{ status: 200, body: '<html>Maintenance</html>' }];
    const error = await client()
      .client.getJson('/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/not JSON: <html>Maintenance<\/html>/);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('waits what Retry-After asks, as seconds or as an HTTP date', async () => {
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
    script = [
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after': inThirtySeconds } },
      json([1]),
    ];
    const { client: gmao, sleeps } = client();
    await expect(gmao.getJson('/x')).resolves.toEqual([1]);
    // What the backoff (5 ms at most, timers a little late) has already waited is not waited again.
    expect(sleeps[0]).toBeGreaterThan(1950);
    expect(sleeps[0]).toBeLessThanOrEqual(2000);
    // The date has a resolution of a second, and a little time passes before it is read.
    expect(sleeps[1]).toBeGreaterThan(28_000);
    expect(sleeps[1]).toBeLessThanOrEqual(30_000);
    expect(gmao.stats).toMatchObject({ requests: 3, retries: 2, status429: 2 });
  });

  it('gives up at once when Retry-After asks for more than it waits', async () => {
    script = [{ status: 429, headers: { 'retry-after': '3600' } }];
    const { client: gmao, sleeps } = client();
    const error = await gmao.getJson('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(
      /HTTP 429\), Retry-After 3600 s, beyond the 60 s we wait \(1 attempt\)$/,
    );
    expect(sleeps).toEqual([]);
  });

  it('retries 502, 503 and 504, then gives up after maxAttempts', async () => {
    script = [{ status: 503 }, { status: 502 }, { status: 504 }, json('ok')];
    const { client: gmao } = client({ backoff: { baseMs: 20, maxMs: 40 } });
    await expect(gmao.getJson('/x')).resolves.toBe('ok');
    expect(gmao.stats).toMatchObject({ requests: 4, retries: 3, status503: 1 });
    // The waits between are withRetries' (its own tests): their wall time is the machine's, not asserted here.

    script = Array.from({ length: 5 }, () => ({ status: 503, body: 'down for maintenance' }));
    const error = await gmao.getJson('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error).toMatchObject({ message: 'CHRU/gmao: GET /x: HTTP 503 (5 attempts)' });
    expect(((error as Error).cause as Error).message).toMatch(
      /503 Service Unavailable: down for maintenance/,
    );
  });

  it('does not retry a 500: the source failed, and will fail the same way', async () => {
    script = [{ status: 500, body: 'NullPointerException' }];
    await expect(client().client.getJson('/x')).rejects.toThrow(SourceUnavailableError);
    expect(seen).toHaveLength(1);
  });

  it('retries a refused connection, then says it could not connect', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { client: gmao } = client({ baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 3 });
    await expect(gmao.getJson('/x')).rejects.toThrow(/unreachable \(ECONNREFUSED\) \(3 attempts\)/);
  });

  it('spaces request starts to maxRequestsPerSecond', async () => {
    script = Array.from({ length: 6 }, () => json(1));
    const { client: gmao } = client({ maxRequestsPerSecond: 20, sleep: undefined });
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => gmao.getJson('/x')));
    // Six starts at 20 a second: the last one 250 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    expect(gmao.stats.pacingWaitMs).toBeGreaterThanOrEqual(5 * 50 - 5);
  });
});

describe('a source that accepts connections and never answers', () => {
  let silent: ReturnType<typeof createTcpServer>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('is unavailable after maxAttempts timeouts, in bounded time', async () => {
    const gmao = createHttpJsonClient({
      source: 'CHRU/gmao',
      baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      token: 't',
      timeoutMs: 150,
      maxAttempts: 3,
      backoff: { baseMs: 20, maxMs: 50 },
    });
    const started = performance.now();
    const error = await gmao.getJson('/api/v1/equipements').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/no answer within 150 ms \(3 attempts\)/);
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
    expect(gmao.stats).toMatchObject({ requests: 3, retries: 2, timeouts: 3 });
    // Three timeouts and two short backoffs: at least 450 ms, well under a second.
    expect(elapsed).toBeGreaterThanOrEqual(440);
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe('retry delays', () => {
  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    const now = Date.parse('2025-06-30T12:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 30 Jun 2025 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 30 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('a caller that has gone', () => {
  it('waits the longer of its backoff and a 503’s Retry-After, in real time', async () => {
    const answeredAt: number[] = [];
    const at = (answer: Answer) => () => {
      answeredAt.push(performance.now());
      return answer;
    };
    script = [at({ status: 503, headers: { 'retry-after': '1' } }), at(json('back'))];
    const { client: gmao } = client({ sleep: undefined });
    await expect(gmao.getJson('/x')).resolves.toBe('back');
    expect(answeredAt[1]! - answeredAt[0]!).toBeGreaterThanOrEqual(990);
    expect(gmao.stats).toMatchObject({ requests: 2, retries: 1, status503: 1 });
  });

  it('retries no more once aborted during the wait a 503 asked for', async () => {
    script = [{ status: 503, headers: { 'retry-after': '30' } }, json('too late')];
    const caller = new AbortController();
    let resume = () => {};
    const { client: gmao } = client({
      // The caller leaves during the wait; the wait then ends, and no attempt may follow it.
      sleep: () => {
        caller.abort(new Error('caller gone'));
        return new Promise<void>((resolve) => {
          resume = resolve;
        });
      },
    });
    await expect(gmao.getJson('/x', {}, { signal: caller.signal })).rejects.toThrow('caller gone');
    resume();
    await new Promise(setImmediate);
    expect(seen).toHaveLength(1);
    expect(gmao.stats).toMatchObject({ requests: 1, retries: 0 });
  });

  it('aborts a request the source is slow to answer', async () => {
    const held: ServerResponse[] = [];
    const slow = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      let closed = () => {};
      const requestClosed = new Promise<void>((resolve) => {
        closed = resolve;
      });
      const arrived = new Promise<void>((resolve) =>
        slow.once('request', (req: IncomingMessage) => {
          req.socket.once('close', closed);
          resolve();
        }),
      );
      const { client: gmao } = client({
        baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
      });
      const caller = new AbortController();
      const read = gmao.getJson('/slow', {}, { signal: caller.signal });
      read.catch(() => undefined);
      await arrived;
      caller.abort(new Error('caller gone'));
      await expect(read).rejects.toThrow('caller gone');
      // The source sees the connection close: it may stop its work too.
      await requestClosed;
      expect(gmao.stats).toMatchObject({ requests: 1, retries: 0, timeouts: 0 });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

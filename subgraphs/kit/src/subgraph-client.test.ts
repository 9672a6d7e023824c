import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceUnavailableError } from '@hub/source-kit';
import { SIGNATURE_HEADER } from './gateway-signature';
import { SubgraphClient } from './subgraph-client';

/*
 * The site's client of a tutelle's subgraph against a scripted HTTP server: each test says what the
 * subgraph does, request by request (answer, or hold the request and report it).
 */

type Step = { status: number; body?: unknown } | 'hold';

let server: Server;
let url: string;
let script: Step[] = [];
let seen: IncomingMessage[] = [];
/** Each held request's response, resolved as the server holds it. */
let held: Array<(res: ServerResponse) => void> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const step = script.shift() ?? { status: 500, body: 'script exhausted' };
    if (step === 'hold') return void held.shift()?.(res);
    res.writeHead(step.status, { 'content-type': 'application/json' }).end(JSON.stringify(step.body ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script = [];
  seen = [];
  held = [];
});

/** The next held request's response, once the server holds it. */
const nextHeld = () => new Promise<ServerResponse>((resolve) => held.push(resolve));

const client = (timeoutMs?: number) =>
  new SubgraphClient({ subgraph: 'ul', url, service: 'site', ...(timeoutMs ? { timeoutMs } : {}) });
const answer = { status: 200, body: { data: { ok: true } } };

describe('SubgraphClient', () => {
  it('tries again a subgraph that answered 503, and gives the answer once', async () => {
    script = [{ status: 503 }, { status: 503 }, answer];
    await expect(client().request('{ ok }')).resolves.toEqual({ data: { ok: true }, errors: [] });
    expect(seen).toHaveLength(3);
    // Each attempt signed anew: the subgraph takes a signature once.
    expect(new Set(seen.map((req) => req.headers[SIGNATURE_HEADER])).size).toBe(3);
  });

  it('tries again an attempt that timed out', async () => {
    script = ['hold', answer];
    const first = nextHeld();
    await expect(client(200).request('{ ok }')).resolves.toEqual({ data: { ok: true }, errors: [] });
    (await first).end();
    expect(seen).toHaveLength(2);
  });

  it('does not try again a GraphQL answer with errors', async () => {
    const errors = [{ message: 'UL/sifac unavailable', extensions: { code: 'SOURCE_UNAVAILABLE' } }];
    script = [{ status: 200, body: { data: null, errors } }, answer];
    await expect(client().request('{ ok }')).resolves.toEqual({ data: null, errors });
    expect(seen).toHaveLength(1);
  });

  it('gives up on a subgraph that refuses connections, naming it and the attempts made', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = new SubgraphClient({ subgraph: 'ul', url: `http://127.0.0.1:${port}/`, service: 'site' });
    const error = await refused.request('{ ok }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error).toMatchObject({ source: 'subgraph/ul', message: expect.stringMatching(/\(3 attempts\)$/) });
  });

  it('cancels its request when the caller goes, and tries no more', async () => {
    script = ['hold', answer];
    const response = nextHeld();
    const caller = new AbortController();
    const read = client().request('{ ok }', {}, { signal: caller.signal });
    const res = await response;
    const requestClosed = new Promise<void>((resolve) => res.once('close', resolve));
    caller.abort(new Error('caller gone'));
    await expect(read).rejects.toThrow('caller gone');
    await requestClosed;
    // Longer than the first retry's backoff could be: none came.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(1);
  });
});

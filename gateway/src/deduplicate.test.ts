import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher } from '@apollo/utils.fetcher';
import { deduplicateFetches } from './deduplicate';

/** A real HTTP server that answers slowly (so fetches overlap) and counts what it is sent. */
async function slowServer() {
  const seen: Array<{ authorization?: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, body });
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { n: seen.length } }));
      }, 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

const post = (body: string, authorization?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body,
});

describe('deduplicateFetches', () => {
  let server: Awaited<ReturnType<typeof slowServer>>;
  const fetcher = deduplicateFetches(fetch as unknown as Fetcher);
  beforeEach(async () => {
    server = await slowServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends identical concurrent fetches once, and gives each caller its own copy of the answer', async () => {
    const body = JSON.stringify({ query: '{ a }', variables: { x: 1 } });
    const responses = await Promise.all([1, 2, 3].map(() => fetcher(server.url, post(body))));
    expect(server.seen).toHaveLength(1);
    const answers = await Promise.all(responses.map((r) => r.json()));
    expect(answers).toEqual([1, 2, 3].map(() => ({ data: { n: 1 } })));
    answers[0].data.n = 99;
    expect(answers[1].data.n).toBe(1);
    expect(responses[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('never shares an answer between callers with different authorization', async () => {
    const body = JSON.stringify({ query: '{ a }' });
    await Promise.all([
      fetcher(server.url, post(body, 'Bearer one')),
      fetcher(server.url, post(body, 'Bearer two')),
      fetcher(server.url, post(body)),
    ]);
    expect(server.seen).toHaveLength(3);
    expect(new Set(server.seen.map((s) => s.authorization))).toEqual(
      new Set(['Bearer one', 'Bearer two', undefined]),
    );
  });

  it('sends different variables, mutations and later fetches again: it keeps nothing', async () => {
    const a = JSON.stringify({ query: '{ a }', variables: { x: 1 } });
    const b = JSON.stringify({ query: '{ a }', variables: { x: 2 } });
    const m = JSON.stringify({ query: 'mutation { a }' });
    await Promise.all([fetcher(server.url, post(a)), fetcher(server.url, post(b))]);
    await Promise.all([fetcher(server.url, post(m)), fetcher(server.url, post(m))]);
    await fetcher(server.url, post(a));
    expect(server.seen.map((s) => s.body)).toEqual([a, b, m, m, a]);
  });

  it('gives every waiter the failure when the shared fetch fails', async () => {
    await server.close();
    const body = JSON.stringify({ query: '{ a }' });
    const results = await Promise.allSettled([
      fetcher(server.url, post(body)),
      fetcher(server.url, post(body)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { callerFromHeader, tokenVerifier } from '@hub/service-kit';
import express from 'express';
import { type SignIn, webApp } from './web-app';

/*
 * The interface's routes on a real HTTP server, in front of a stand-in for POST /graphql that answers what
 * it was given: documents known by hash get their text, page addresses get index.html, and the demo's
 * token endpoint exists only with the development key.
 */
describe('the web application routes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-web-app-'));
  const query = 'query Catalogue { platforms { totalCount } }';
  const hash = createHash('sha256').update(query).digest('hex');
  mkdirSync(path.join(dir, 'app/assets'), { recursive: true });
  writeFileSync(path.join(dir, 'app/index.html'), '<!doctype html><title>interface</title>');
  writeFileSync(path.join(dir, 'app/assets/main-abc.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'persisted-documents.json'), JSON.stringify({ [`sha256:${hash}`]: query }));
  const servers: Server[] = [];

  it('knows the operations of its persisted documents by name (the metrics label them)', () => {
    const app = webApp({
      root: path.join(dir, 'app'),
      persistedDocuments: path.join(dir, 'persisted-documents.json'),
      signIn: { kind: 'none' },
    });
    expect([...app.knownOperations()]).toEqual(['Catalogue']);
  });

  async function start(signIn: SignIn): Promise<string> {
    const app = express();
    webApp({
      root: path.join(dir, 'app'),
      persistedDocuments: path.join(dir, 'persisted-documents.json'),
      signIn,
    }).routes(app);
    app.post('/graphql', (req, res) => res.json({ received: req.body }));
    app.get('/graphql', (_req, res) => res.send('sandbox'));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  afterAll(() => {
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a known hash its text, and leaves other requests as they came', async () => {
    const url = await start({ kind: 'demo' });
    const post = async (body: unknown) =>
      (await (
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { received: Record<string, any> };
    const known = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      variables: {},
    });
    expect(known.received.query).toBe(query);
    expect(known.received.extensions.persistedQuery.sha256Hash).toBe(hash);
    const unknown = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
    });
    expect(unknown.received.query).toBeUndefined();
    const text = await post({ query: '{ __typename }' });
    expect(text.received).toEqual({ query: '{ __typename }' });
  });

  it('serves index.html for page addresses, and leaves the sandbox at GET /graphql', async () => {
    const url = await start({ kind: 'demo' });
    const html = { accept: 'text/html' };
    expect(await (await fetch(`${url}/plateformes/XGAMMA`, { headers: html })).text()).toContain('interface');
    expect(await (await fetch(`${url}/graphql`, { headers: html })).text()).toBe('sandbox');
    const asset = await fetch(`${url}/assets/main-abc.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('issues demo tokens only with the development key', async () => {
    const secret = process.env.HUB_JWT_SECRET;
    try {
      delete process.env.HUB_JWT_SECRET;
      const demo = await start({ kind: 'demo' });
      const token = async (url: string, role: string) =>
        fetch(`${url}/demo/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role }),
        });
      const issued = await token(demo, 'central');
      expect(issued.status).toBe(200);
      const caller = await callerFromHeader(
        `Bearer ${((await issued.json()) as { token: string }).token}`,
        tokenVerifier(),
      );
      expect(caller.roles).toEqual(['central']);
      expect((await token(demo, 'admin')).status).toBe(400);
      expect(await (await fetch(`${demo}/app-config.json`)).json()).toEqual({ signIn: { kind: 'demo' } });

      process.env.HUB_JWT_SECRET = 'a-real-secret-of-the-site';
      const production = await start({ kind: 'demo' });
      expect((await token(production, 'central')).status).toBe(404);
      expect(await (await fetch(`${production}/app-config.json`)).json()).toEqual({
        signIn: { kind: 'none' },
      });
    } finally {
      if (secret === undefined) delete process.env.HUB_JWT_SECRET;
      else process.env.HUB_JWT_SECRET = secret;
    }
  });
});

import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { bodyOf, forward } from '../src/forward';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** A slow way to a subgraph: each request forwarded after a pause, so that one is in flight for a while. */
function slowProxy(target: () => string, delayMs: number): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const body = await bodyOf(req);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await forward(req, body, res, target());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

/** What `hub serve` does on SIGTERM: the gateway stops taking connections and finishes what it started. */
describe('graceful shutdown', () => {
  let hub: Hub;
  let proxy: http.Server;

  beforeAll(async () => {
    let siteUrl = '';
    proxy = await slowProxy(() => siteUrl, 1500);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      subgraphUrls: { site: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` },
    });
    siteUrl = hub.site.url;
  });
  afterAll(async () => {
    await hub?.close();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  it('finishes the request in flight while it closes, and refuses new connections', async () => {
    const inFlight = hub.query('{ platforms { totalCount } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closing = hub.gateway.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await refused(hub.gateway.port)).toBe('ECONNREFUSED');
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, data: { platforms: { totalCount: 3 } } });
    expect(answer.errors).toBeUndefined();
    await closing;
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** `hub serve gateway` as a process: SIGTERM lets the request in flight finish, then the process exits 0. */
describe('hub serve on SIGTERM', () => {
  let hub: Hub;
  let proxy: http.Server;

  beforeAll(async () => {
    let siteUrl = '';
    proxy = await slowProxy(() => siteUrl, 1500);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
    });
    siteUrl = hub.site.url;
  });
  afterAll(async () => {
    await hub?.close();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  it('finishes the request in flight, refuses new connections, and exits', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      HUB_GATEWAY_PORT: String(port),
      HUB_SUBGRAPH_URL_SITE: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
      HUB_SUBGRAPH_URL_UL: hub.ul.url,
      HUB_SUBGRAPH_URL_CNRS: hub.cnrs.url,
      HUB_SUBGRAPH_URL_INRAE: hub.inrae.url,
      HUB_SUBGRAPH_URL_CHRU: hub.chru.url,
    };
    const root = path.resolve(__dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'ops/src/cli.ts', 'serve', 'gateway'], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 30_000;
    while ((await refused(port)) !== 'connected' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));

    const inFlight = hub.query('{ platforms { totalCount } }', { url });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await refused(port)).toBe('ECONNREFUSED');
    expect(await inFlight).toMatchObject({ status: 200, data: { platforms: { totalCount: 3 } } });
    expect(await exited).toBe(0);
  });
});

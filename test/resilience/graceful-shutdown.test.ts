import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { bodyOf, forward } from '../src/forward';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/**
 * A way to a subgraph that can hold requests: while `hold()` is on, each request waits there until
 * `release()`, so that one is surely in flight while the gateway stops, on a quiet machine as on a busy one.
 */
async function holdingProxy(target: () => string) {
  let held: Array<() => void> | null = null;
  let arrivals: Array<() => void> = [];
  const server = http.createServer(async (req, res) => {
    const body = await bodyOf(req);
    if (held) {
      for (const arrived of arrivals) arrived();
      arrivals = [];
      await new Promise<void>((resolve) => held!.push(resolve));
    }
    await forward(req, body, res, target());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    /** Holds the requests from now on; resolves when the first one is held. */
    hold: () => {
      held = [];
      return new Promise<void>((resolve) => arrivals.push(resolve));
    },
    release: () => {
      for (const go of held ?? []) go();
      held = null;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
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

/** Until the port refuses connections (bounded by the suite's one timeout). */
async function untilRefused(port: number) {
  while ((await refused(port)) !== 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 20));
}

/** What `hub serve` does on SIGTERM: the gateway stops taking connections and finishes what it started. */
describe('graceful shutdown', () => {
  let hub: Hub;
  let proxy: Awaited<ReturnType<typeof holdingProxy>>;

  beforeAll(async () => {
    let siteUrl = '';
    proxy = await holdingProxy(() => siteUrl);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      subgraphUrls: { site: proxy.url },
    });
    siteUrl = hub.site.url;
  });
  afterAll(async () => {
    proxy?.release();
    await hub?.close();
    await proxy?.close();
  });

  it('finishes the request in flight while it closes, and refuses new connections', async () => {
    const held = proxy.hold();
    const inFlight = hub.query('{ platforms { totalCount } }');
    await held;
    const closing = hub.gateway.close();
    await untilRefused(hub.gateway.port);
    proxy.release();
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
  let proxy: Awaited<ReturnType<typeof holdingProxy>>;

  beforeAll(async () => {
    let siteUrl = '';
    proxy = await holdingProxy(() => siteUrl);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
    });
    siteUrl = hub.site.url;
  });
  afterAll(async () => {
    proxy?.release();
    await hub?.close();
    await proxy?.close();
  });

  it('finishes the request in flight, refuses new connections, and exits', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      HUB_GATEWAY_PORT: String(port),
      HUB_SUBGRAPH_URL_SITE: proxy.url,
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
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    try {
      // Ready once it takes connections: bounded by the suite's one timeout (a loaded machine starts it slowly).
      while ((await refused(port)) !== 'connected') {
        if (exitCode !== undefined)
          throw new Error(`hub serve gateway exited (${exitCode}) before listening`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const held = proxy.hold();
      const inFlight = hub.query('{ platforms { totalCount } }', { url: `http://127.0.0.1:${port}/graphql` });
      await held;
      child.kill('SIGTERM');
      await untilRefused(port);
      proxy.release();
      expect(await inFlight).toMatchObject({ status: 200, data: { platforms: { totalCount: 3 } } });
      expect(await exited).toBe(0);
    } finally {
      if (exitCode === undefined) child.kill('SIGKILL');
    }
  });
});

/**
 * `pnpm hub serve gateway` under load, stopped as a service manager does: SIGTERM to what pnpm started (pnpm
 * runs the package.json script under `sh -c` and signals that child). The process must receive it (no
 * orphan keeping the port), and drain: every request sent on a kept-alive connection before or while it
 * stops gets its answer, none a reset; new connections are refused; it exits 0.
 */
describe('pnpm hub serve on SIGTERM, under load', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
    });
  });
  afterAll(() => hub?.close());

  it('forwards the signal through the script and drains every keep-alive connection', async () => {
    const root = path.resolve(__dirname, '../..');
    const script = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.hub as string;
    const port = await freePort();
    const child = spawn('sh', ['-c', `${script} serve gateway`], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HUB_GATEWAY_PORT: String(port),
        HUB_SUBGRAPH_URL_SITE: hub.site.url,
        HUB_SUBGRAPH_URL_UL: hub.ul.url,
        HUB_SUBGRAPH_URL_CNRS: hub.cnrs.url,
        HUB_SUBGRAPH_URL_INRAE: hub.inrae.url,
        HUB_SUBGRAPH_URL_CHRU: hub.chru.url,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 60_000;
      while ((await refused(port)) !== 'connected' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));

      // Eight clients, each on its own kept-alive connection, sending requests back to back.
      const outcomes = { answered: 0, refused: 0, failed: [] as string[] };
      // Bounded: a process that never stops (the signal lost on the way) must fail the test, not hang it.
      let giveUp = false;
      const url = `http://127.0.0.1:${port}/graphql`;
      const clients = Array.from({ length: 8 }, async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
          while (!giveUp) {
            const status = await new Promise<number | string>((resolve) => {
              const body = JSON.stringify({ query: '{ platforms { totalCount } }' });
              const req = http.request(
                url,
                { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
                (res) => {
                  res.resume();
                  res.once('end', () => resolve(res.statusCode ?? 0));
                },
              );
              req.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
              req.end(body);
            });
            if (status === 200) outcomes.answered++;
            else if (status === 'ECONNREFUSED') {
              outcomes.refused++;
              return;
            } else outcomes.failed.push(String(status));
          }
        } finally {
          agent.destroy();
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
      ]);
      expect(stopped).toBe(true);
      // Once it has exited, whatever loop is still running meets a refused connection at once.
      setTimeout(() => {
        giveUp = true;
      }, 5_000).unref();
      await Promise.all(clients);
      expect(await exited).toBe(0);
      expect(outcomes.failed).toEqual([]);
      expect(outcomes.refused).toBe(8);
      expect(outcomes.answered).toBeGreaterThan(8);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

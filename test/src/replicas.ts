import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { bodyOf } from './forward';

/*
 * Replicas as a cluster runs them: each service as its own `hub serve` processes, behind a round-robin proxy
 * that plays the Kubernetes Service. A replica leaves the rotation before it is stopped, as a terminating
 * pod leaves its Service's endpoints; what it had started it finishes (the server's drain on SIGTERM).
 */

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'ops/src/cli.ts');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** `hub <args>` as a process of its own, with the environment given over the test's. */
export function hubProcess(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What a finished `hub` command did: its exit code and what it wrote. */
export function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

export interface Replica {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then its exit. */
  stop(): Promise<void>;
}

/** `hub serve <service>` on a port of its own, once its /health answers (one generous wait, no fixed delay). */
export async function startReplica(
  service: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 240_000,
): Promise<Replica> {
  const port = await freePort();
  const child = hubProcess(['serve', service], {
    ...env,
    [`HUB_${service.toUpperCase()}_PORT`]: String(port),
  });
  const exit = finished(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${service} exited: ${(await exit).output.slice(-2000)}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${service} did not answer /health within ${timeoutMs} ms: ${(await exit).output.slice(-2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/** A round-robin load balancer over a service's replicas: a Kubernetes Service, in a few lines. */
export class RoundRobinProxy {
  private next = 0;
  private server: http.Server | null = null;
  readonly backends: string[] = [];
  /** Requests that found no replica or whose replica failed to answer: a rolling restart must leave none. */
  failures = 0;

  async listen(): Promise<string> {
    const server = http.createServer(async (req, res) => {
      const body = await bodyOf(req);
      const backend = this.backends[this.next++ % Math.max(1, this.backends.length)];
      try {
        if (!backend) throw new Error('no replica in rotation');
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            ([name]) => !['host', 'content-length', 'connection'].includes(name),
          ),
        ) as Record<string, string>;
        const answer = await fetch(`${backend}${req.url}`, {
          method: req.method ?? 'GET',
          headers,
          ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        });
        const type = answer.headers.get('content-type');
        res
          .writeHead(answer.status, type ? { 'content-type': type } : {})
          .end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        this.failures++;
        res.writeHead(502).end(String(error));
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  add(url: string): void {
    this.backends.push(url);
  }

  remove(url: string): void {
    this.backends.splice(this.backends.indexOf(url), 1);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
      if (!this.server) resolve();
    });
  }
}

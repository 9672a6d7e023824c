import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUPERGRAPH_PATH } from '@hub/ops';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** An operator removes the supergraph file (or it cannot be read): the gateway keeps serving and says so. */
describe('a supergraph file that disappears', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let hub: Hub;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-supergraph-gone-'));
    file = path.join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_PATH, file);
    hub = await startSubgraphsAndGateway({ supergraphPath: file });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () =>
    (await fetch(hub.gatewayUrl.replace(/\/graphql$/, '/health'))).json() as Promise<{
      status: string;
      sources: Array<{ source: string; up: boolean; error?: string }>;
    }>;
  const supergraphState = async () => (await health()).sources.find((s) => s.source === 'gateway/supergraph');

  /** Polls /health until `done` holds: the watcher polls the file every 500 ms. */
  async function until(done: () => Promise<boolean>) {
    const deadline = Date.now() + 20_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('not reported in 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('keeps the current schema, reports the file missing, and takes it back when it returns', async () => {
    rmSync(file);
    await until(async () => (await supergraphState())?.up === false);
    expect(await supergraphState()).toMatchObject({
      up: false,
      error: expect.stringMatching(/ENOENT|no such file/),
    });
    expect((await health()).status).toBe('degraded');
    expect((await hub.query('{ platforms { totalCount } }')).data?.platforms.totalCount).toBe(3);

    copyFileSync(SUPERGRAPH_PATH, file);
    await until(async () => (await supergraphState())?.up === true);
    expect((await hub.query('{ platforms { totalCount } }')).data?.platforms.totalCount).toBe(3);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeDemo } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { demoSources } from '../src/demo-hub';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * What `hub inventory sync` says is left to review is the queue reviewers page through (issue 14, 12: it
 * counted the possible matches only, "266 to review" with 390 in the queue). On a tenth of the demo site,
 * whose queue holds both kinds (possible matches and uncertain links), so that counting one kind shows.
 */
describe('the review count of `hub inventory sync`', () => {
  let dir: string;
  let hub: Hub;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-review-count-'));
    await writeDemo(dir, { seed: 42, scale: 0.1 });
    hub = await startSubgraphsAndGateway({
      ...demoSources(dir),
    });
  });
  afterAll(async () => {
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is the review queue the graph pages, both kinds of item counted', async () => {
    const root = path.resolve(__dirname, '../..');
    const { stdout } = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/tsx'),
      ['ops/src/cli.ts', 'inventory', 'sync'],
      {
        cwd: root,
        env: {
          ...process.env,
          LOG_LEVEL: 'silent',
          HUB_DATA_DIR: dir,
          HUB_SITE_DB: `sqlite:${path.join(hub.dir, 'site.sqlite')}`,
          HUB_SUBGRAPH_URL_UL: hub.ul.url,
          HUB_SUBGRAPH_URL_CNRS: hub.cnrs.url,
          HUB_SUBGRAPH_URL_INRAE: hub.inrae.url,
          HUB_SUBGRAPH_URL_CHRU: hub.chru.url,
        },
      },
    );
    const admin = await mintToken(jwtSecret(), { subject: 'admin@univ-lorraine.fr', roles: [Role.ADMIN] });
    const { data, errors } = await hub.query(
      '{ inventoryReviewQueue(first: 500) { totalCount nodes { kind } } }',
      { token: admin },
    );
    expect(errors).toBeUndefined();
    const queue = data!.inventoryReviewQueue;
    const kinds = queue.nodes.map((n: { kind: string }) => n.kind);
    const possible = kinds.filter((kind: string) => kind === 'POSSIBLE_MATCH').length;
    // Both kinds in the queue: a count of one kind alone would differ from the total.
    expect(possible).toBeGreaterThan(0);
    expect(possible).toBeLessThan(queue.totalCount);
    expect(kinds).toHaveLength(queue.totalCount);
    expect(stdout).toContain(
      `; ${queue.totalCount} to review: ${possible} possible matches, ${queue.totalCount - possible} uncertain links`,
    );
  });
});

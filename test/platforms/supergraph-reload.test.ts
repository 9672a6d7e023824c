import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUPERGRAPH_PATH } from '@hub/ops';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const DESCRIPTION = `{ __type(name: "Platform") { fields { name description } } }`;

/** A new supergraph written in place is served from the next requests on, and none in between fails. */
describe('supergraph hot reload', () => {
  let dir: string;
  let hub: Hub;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-reload-'));
    file = path.join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_PATH, file);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      supergraphPath: file,
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const codeDescription = async () =>
    (await hub.query(DESCRIPTION)).data?.__type.fields.find((f: { name: string }) => f.name === 'code')
      .description;

  it('swaps to the new file while requests keep answering', async () => {
    expect(await codeDescription()).toBe("Stable site-wide code: 'XGAMMA'.");
    // Requests run from before the swap until five answers after it was seen.
    let stopAt = Number.POSITIVE_INFINITY;
    const answers: Array<{ ok: boolean }> = [];
    let answering: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answering = resolve;
    });
    const load = (async () => {
      while (answers.length < stopAt) {
        const { data, errors } = await hub.query('{ platforms { totalCount } }');
        answers.push({ ok: data?.platforms.totalCount === 3 && errors === undefined });
        answering();
      }
    })();
    // The deploy once requests are being answered (on a busy machine the first may come after the swap).
    await answered;
    // A deploy: the new file written beside, then renamed over the old one.
    const next = readFileSync(file, 'utf8').replace(
      "Stable site-wide code: 'XGAMMA'.",
      'Code of the platform, site-wide.',
    );
    writeFileSync(`${file}.new`, next);
    renameSync(`${file}.new`, file);
    const deadline = Date.now() + 5000;
    while ((await codeDescription()) !== 'Code of the platform, site-wide.' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const beforeSwapSeen = answers.length;
    stopAt = beforeSwapSeen + 5;
    await load;
    expect(await codeDescription()).toBe('Code of the platform, site-wide.');
    expect(beforeSwapSeen).toBeGreaterThan(0);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
  });

  it('keeps the last good supergraph when the new file does not compose', async () => {
    writeFileSync(file, 'this is not a supergraph');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await codeDescription()).toBe('Code of the platform, site-wide.');
    expect((await hub.query('{ platforms { totalCount } }')).data?.platforms.totalCount).toBe(3);
  });
});

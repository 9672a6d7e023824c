import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUPERGRAPH_PATH } from '@hub/ops';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const DESCRIPTION = `{ __type(name: "Platform") { fields { name description } } }`;

/**
 * The supergraph as a Kubernetes ConfigMap mounted as a directory: the kubelet writes each version in a
 * directory of its own and swaps a `..data` link to it in one rename; the file the gateway reads is a link
 * through `..data`. The file's own path never changes, so only a watch that follows the link sees the swap.
 */
describe('supergraph from a ConfigMap volume', () => {
  let dir: string;
  let hub: Hub;
  const version = (name: string, text: string) => {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'supergraph.graphql'), text);
    symlinkSync(name, path.join(dir, '..data_tmp'));
    renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-configmap-'));
    version('..2026_12_04_10_00_00.1', readFileSync(SUPERGRAPH_PATH, 'utf8'));
    symlinkSync('..data/supergraph.graphql', path.join(dir, 'supergraph.graphql'));
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      supergraphPath: path.join(dir, 'supergraph.graphql'),
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const codeDescription = async () =>
    (await hub.query(DESCRIPTION)).data?.__type.fields.find((f: { name: string }) => f.name === 'code')
      .description;

  it('serves the new version once the kubelet swaps the ..data link, the old one removed', async () => {
    expect(await codeDescription()).toBe("Stable site-wide code: 'XGAMMA'.");
    version(
      '..2026_12_04_10_05_00.2',
      readFileSync(SUPERGRAPH_PATH, 'utf8').replace("Stable site-wide code: 'XGAMMA'.", 'Code, site-wide.'),
    );
    rmSync(path.join(dir, '..2026_12_04_10_00_00.1'), { recursive: true });
    const deadline = Date.now() + 10_000;
    while ((await codeDescription()) !== 'Code, site-wide.' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await codeDescription()).toBe('Code, site-wide.');
  });
});

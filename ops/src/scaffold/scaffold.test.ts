import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nextSteps, REPO_ROOT, scaffoldTutelle, tutelleNames } from '.';

/*
 * The scaffold's promise (docs/CONNECTORS.md): adding a tutelle is running the scaffold, filling the
 * connector's mapping, and configuring it. The scaffold runs on a copy of the workspace, not the
 * repository, so that a concurrent typecheck or jest run never sees it; `pnpm install` is stood in for by
 * linking the new package as pnpm does (node_modules/@hub/<x> → its folder), the rest of each package's
 * node_modules copied as the links they are. Its sample mapping is the filled one; the whole hub then runs
 * with the new tutelle from configuration alone.
 */

const WORKSPACE_PACKAGES = ['schema', 'gateway', 'gateway/web', 'ops', 'test', 'connectors', 'subgraphs'];

/** The workspace's files (tracked and new, not ignored) and each package's node_modules links. */
function copyWorkspace(root: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(REPO_ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const top of WORKSPACE_PACKAGES) {
    const parents = ['connectors', 'subgraphs'].includes(top)
      ? spawnSync('ls', [path.join(REPO_ROOT, top)], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map((folder) => path.join(top, folder))
      : [top];
    for (const pkg of parents) {
      const modules = path.join(REPO_ROOT, pkg, 'node_modules');
      if (existsSync(modules))
        cpSync(modules, path.join(root, pkg, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    }
  }
}

/** As `pnpm install` links a workspace package: `<from>/node_modules/<name>` → its folder. */
function link(root: string, from: string, name: string, to: string): void {
  const at = path.join(root, from, 'node_modules', name);
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(path.relative(path.dirname(at), path.join(root, to)), at, 'dir');
}

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('pnpm hub connector new', () => {
  it('refuses an invalid name, and one whose folders or tutelle exist, before writing anything', () => {
    expect(() => scaffoldTutelle('In-ria')).toThrow(/Invalid tutelle name "In-ria": 2 to 20 lower-case/);
    expect(() => scaffoldTutelle('9lab')).toThrow(/a letter first/);
    expect(() => scaffoldTutelle('ul')).toThrow('connectors/ul already exists');
    expect(() => scaffoldTutelle('site')).toThrow('subgraphs/site already exists');
    expect(existsSync(path.join(REPO_ROOT, 'connectors/site'))).toBe(false);
  });

  it('leaves two steps: the mapping of the real source, and its configuration', () => {
    const steps = nextSteps(tutelleNames('inria')).join('\n');
    expect(steps).toMatch(/connectors\/inria: read INRIA's real source[\s\S]*src\/mapping\.ts/);
    expect(steps).toMatch(/HUB_INRIA_FOLDER[\s\S]*HUB_TUTELLES/);
    expect(steps).toContain('npx --yes pnpm@10 test');
  });

  it('adds a fifth tutelle that passes its contract test, typechecks, lints, and runs in the whole hub', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hub-scaffold-'));
    try {
      copyWorkspace(root);
      // 1. The scaffold: the connector's folder, its registration.
      const written = scaffoldTutelle('inria', root);
      expect(written).toEqual(
        expect.arrayContaining([
          'connectors/inria/src/inria.contract.test.ts',
          'connectors/inria/src/tutelle.ts',
          'schema/src/tutelles.ts',
          'ops/src/tutelles.ts',
          'ops/package.json',
        ]),
      );
      const folders = {
        '@hub/connector-files': 'connectors/files',
        '@hub/source-kit': 'connectors/kit',
        '@hub/schema': 'schema',
      };
      for (const [name, folder] of Object.entries(folders)) link(root, 'connectors/inria', name, folder);
      link(root, 'ops', '@hub/connector-inria', 'connectors/inria');
      const tsx = ['--import', 'tsx'];
      const compose = run(process.execPath, [...tsx, 'ops/src/cli.ts', 'supergraph'], root);
      expect(compose).toEqual({ status: 0, output: expect.stringContaining('supergraph') });
      expect(readFileSync(path.join(root, 'gateway/supergraph.graphql'), 'utf8')).toContain(
        'type InriaCostCentre',
      );

      // 2. The mapping: the template's sample is a filled one; its contract test passes as generated.
      const jest = run(
        process.execPath,
        [
          path.join(REPO_ROOT, 'node_modules/jest/bin/jest.js'),
          '--ci',
          'connectors/inria',
          'ops/src/supergraph.test.ts',
        ],
        root,
      );
      expect(jest).toEqual({ status: 0, output: expect.stringMatching(/Tests:\s+(\d+) passed, \1 total/) });
      const tsc = run(
        process.execPath,
        [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', root, '--noEmit'],
        root,
      );
      expect(tsc).toEqual({ status: 0, output: '' });
      // What the scaffold wrote or changed lints as the repository's settings want it.
      const changed = [
        'connectors/inria',
        'schema/src/tutelles.ts',
        'ops/src/tutelles.ts',
        'ops/package.json',
      ];
      const biome = run(
        path.join(REPO_ROOT, 'node_modules/.bin/biome'),
        ['check', '--config-path', REPO_ROOT, ...changed.map((file) => path.join(root, file))],
        REPO_ROOT,
      );
      expect(biome).toEqual({ status: 0, output: expect.stringContaining('No fixes applied') });

      // 3. Its configuration: the hub runs UL and INRIA, INRIA over its folder, from the settings alone.
      const data = path.join(root, '.hub-test');
      mkdirSync(data);
      cpSync(path.join(root, 'connectors/inria/sample'), path.join(data, 'inria-exports'), {
        recursive: true,
      });
      writeFileSync(
        path.join(data, 'registry.yaml'),
        [
          'platforms:',
          '  - code: CALCUL',
          '    name: Plateforme de calcul',
          '    units: [UMR7503]',
          '    tutelles: [UL, INRIA]',
          '    costCentres: { UL: [PF-XGAMMA], INRIA: [PF-ALPHA] }',
          '',
        ].join('\n'),
      );
      const probe = path.join(root, 'ops/src/fifth-tutelle-probe.ts');
      writeFileSync(probe, PROBE);
      const hub = run(process.execPath, [...tsx, probe], root, {
        HUB_TUTELLES: 'UL,INRIA',
        HUB_DATA_DIR: data,
        HUB_UL_SQLITE_DIR: path.join(data, 'ul'),
        HUB_INRIA_FOLDER: path.join(data, 'inria-exports'),
        LOG_LEVEL: 'warn',
      });
      expect(hub.status).toBe(0);
      const answer = JSON.parse(hub.output.trim().split('\n').at(-1)!);
      expect(answer.errors).toBeUndefined();
      const centres = answer.data.platform.costCentres;
      expect(centres.map((c: { tutelle: string; code: string }) => [c.tutelle, c.code])).toEqual([
        ['UL', 'PF-XGAMMA'],
        ['INRIA', 'PF-ALPHA'],
      ]);
      expect(centres[0].equipment.totalCount).toBe(2);
      // The sample's PF-ALPHA: in service and out of order listed, the disposed one not.
      expect(centres[1].equipment).toEqual({
        totalCount: 2,
        nodes: [{ designation: 'Cluster de calcul GPU' }, { designation: 'Robot mobile' }],
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});

/** The whole hub from the configuration (HUB_TUTELLES...), on free ports: one query through its gateway. */
const PROBE = `
import path from 'node:path';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { loadConfig } from './config';
import { writeUlSqlite } from './demo';
import { loadRegistryFile, startOnFreePorts, stopServices } from './services';

async function main() {
  const config = loadConfig();
  writeUlSqlite(UL_FIXTURE, process.env.HUB_UL_SQLITE_DIR!);
  await loadRegistryFile(config, path.join(config.dataDir, 'registry.yaml'));
  const services = await startOnFreePorts(config);
  try {
    const response = await fetch(services.get('gateway')!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ platform(code: "CALCUL") { costCentres { tutelle code equipment { totalCount nodes { designation } } } } }',
      }),
    });
    console.log(JSON.stringify(await response.json()));
  } finally {
    await stopServices([...services.values()]);
  }
}
main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
`;

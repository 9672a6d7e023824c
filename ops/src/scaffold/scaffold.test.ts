import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nextSteps, REPO_ROOT, scaffoldTutelle, tutelleNames } from '.';

/*
 * The scaffold's promise: what it generates passes its own contract test, typechecks and lints, with no
 * edit. It is generated into a temporary copy of the workspace's layout, not the repository, so that a
 * concurrent `pnpm typecheck` or jest run never sees it; `pnpm install` is stood in for by linking each
 * generated package's workspace dependencies as pnpm does (node_modules/@hub/<x> → the package's folder).
 */

/** Every workspace package by name → its folder: the repository's, then the generated ones. */
function workspacePackages(...roots: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  for (const root of roots) {
    for (const parent of ['connectors', 'subgraphs', '.']) {
      for (const folder of readdirSync(path.join(root, parent))) {
        const manifest = path.join(root, parent, folder, 'package.json');
        if (existsSync(manifest))
          packages.set(JSON.parse(readFileSync(manifest, 'utf8')).name, path.dirname(manifest));
      }
    }
  }
  return packages;
}

function linkWorkspaceDependencies(packageDir: string, packages: Map<string, string>): void {
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(dependencies)) {
    const link = path.join(packageDir, 'node_modules', dependency);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(packages.get(dependency)!, link, 'dir');
  }
}

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('pnpm hub connector new', () => {
  it('refuses an invalid name, and one whose folders exist, before writing anything', () => {
    expect(() => scaffoldTutelle('In-ria')).toThrow(/Invalid tutelle name "In-ria": 2 to 20 lower-case/);
    expect(() => scaffoldTutelle('9lab')).toThrow(/a letter first/);
    expect(() => scaffoldTutelle('ul')).toThrow('connectors/ul already exists');
    expect(() => scaffoldTutelle('site')).toThrow('subgraphs/site already exists');
    expect(existsSync(path.join(REPO_ROOT, 'connectors/site'))).toBe(false);
  });

  it('lists what remains to put the tutelle in the graph', () => {
    const steps = nextSteps(tutelleNames('inria')).join('\n');
    for (const place of [
      'schema/src/tutelles.ts',
      'FEDERATED_TUTELLES',
      'ops/src/subgraphs.ts',
      'ops/src/config.ts',
      'test/src/harness.ts',
    ]) {
      expect(steps).toContain(place);
    }
    expect(steps).toMatch(/HUB_INRIA_PORT[\s\S]*ops\/src\/services\.ts[\s\S]*pnpm supergraph/);
  });

  it('generates a connector that passes its contract test, typechecks and lints as generated', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hub-scaffold-'));
    try {
      mkdirSync(path.join(root, 'connectors'));
      mkdirSync(path.join(root, 'subgraphs'));
      symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
      const written = scaffoldTutelle('inria', root);
      expect(written).toEqual(expect.arrayContaining(['connectors/inria/src/inria.contract.test.ts']));
      const packages = workspacePackages(REPO_ROOT, root);
      linkWorkspaceDependencies(path.join(root, 'connectors/inria'), packages);
      linkWorkspaceDependencies(path.join(root, 'subgraphs/inria'), packages);

      // The repository's jest (unit project) and TypeScript settings, rooted in the copy.
      writeFileSync(
        path.join(root, 'jest.config.js'),
        `module.exports = { ...require(${JSON.stringify(path.join(REPO_ROOT, 'jest.config.js'))}).projects[0], rootDir: __dirname };\n`,
      );
      writeFileSync(
        path.join(root, 'tsconfig.json'),
        JSON.stringify({
          extends: path.join(REPO_ROOT, 'tsconfig.json'),
          compilerOptions: { noEmit: true },
          include: ['connectors/*/src', 'subgraphs/*/src'],
        }),
      );

      // Each result whole, so that a failure shows the tool's own output.
      const jest = run(
        process.execPath,
        [path.join(REPO_ROOT, 'node_modules/jest/bin/jest.js'), '--ci'],
        root,
      );
      expect(jest).toEqual({ status: 0, output: expect.stringMatching(/Tests:\s+(\d+) passed, \1 total/) });
      const tsc = run(
        process.execPath,
        [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', root],
        root,
      );
      expect(tsc).toEqual({ status: 0, output: '' });
      const generated = ['connectors/inria', 'subgraphs/inria'].map((folder) => path.join(root, folder));
      const biome = run(path.join(REPO_ROOT, 'node_modules/.bin/biome'), ['check', ...generated], REPO_ROOT);
      expect(biome).toEqual({ status: 0, output: expect.stringContaining('No fixes applied') });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

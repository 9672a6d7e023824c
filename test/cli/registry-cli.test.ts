import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** `pnpm hub …` as an operator runs it: a real process, its output and exit code. */
function hub(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['ops/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hub registry', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad file, listing every problem with its path and line, and loads nothing', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'platforms:\n  - code: lower\n    name: X\n    units: [UMR7198]\n    tutelles: [UL, XX]\n',
    );
    const env = { HUB_SITE_DB: `sqlite:${path.join(dir, 'site.sqlite')}` };
    const result = hub(['registry', 'load', bad], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${bad}: 2 problem(s)`);
    expect(result.stderr).toMatch(/platforms\[0\]\.code \(line 2\): expected an upper-case code/);
    expect(result.stderr).toMatch(
      /platforms\[0\]\.tutelles\[1\] \(line 5\): expected one of UL, CNRS, INRAE, CHRU/,
    );
  });

  it('loads a good file and says what changed', () => {
    const env = { HUB_SITE_DB: `sqlite:${path.join(dir, 'site.sqlite')}` };
    const result = hub(['registry', 'load', path.join(ROOT, 'test/fixtures/registry.yaml')], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Loaded 3 platforms: 3 added, 0 updated, 0 unchanged, 0 removed');
    expect(hub(['registry', 'load', path.join(ROOT, 'test/fixtures/registry.yaml')], env).stdout).toContain(
      'Loaded 3 platforms: 0 added, 0 updated, 3 unchanged, 0 removed',
    );
  });
});

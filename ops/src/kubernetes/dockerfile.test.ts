import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * No Docker engine runs here (and hadolint is in neither Debian nor npm): the image's rules checked on the
 * Dockerfile itself. What it must be: multi-stage, pinned bases, running as a numeric non-root user.
 */
const lines = readFileSync(path.resolve(__dirname, '../../Dockerfile'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.trimStart().startsWith('#'));
const instructions = lines.filter((line) => /^[A-Z]+\s/.test(line)).map((line) => line.split(/\s+/));

describe('the Dockerfile', () => {
  it('builds in one stage and runs from another, on pinned bases', () => {
    const froms = instructions.filter(([op]) => op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const [, image] of froms) expect(image).toMatch(/^[\w./-]+:\d+(\.\d+)+[\w.-]*$/);
    expect(instructions.some(([op, arg]) => op === 'COPY' && arg?.startsWith('--from='))).toBe(true);
  });

  it('runs as a numeric user that is not root, set after the last step that needs root', () => {
    const runtime = instructions.slice(instructions.findLastIndex(([op]) => op === 'FROM'));
    const users = runtime.filter(([op]) => op === 'USER');
    expect(users).toHaveLength(1);
    const [, user] = users[0]!;
    expect(user).toMatch(/^\d+:\d+$/);
    expect(Number(user!.split(':')[0])).toBeGreaterThan(0);
    const userAt = runtime.findIndex(([op]) => op === 'USER');
    expect(runtime.slice(userAt).some(([op]) => op === 'RUN')).toBe(false);
  });

  it('starts the hub in exec form, installs with the lockfile, and leaves no apt lists behind', () => {
    expect(lines.some((l) => /^ENTRYPOINT \["node"/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('--frozen-lockfile'))).toBe(true);
    const text = lines.join('\n');
    if (text.includes('apt-get install')) expect(text).toContain('rm -rf /var/lib/apt/lists/*');
  });
});

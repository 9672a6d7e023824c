import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '.';

/*
 * docs/CONNECTORS.md read as a newcomer follows it (issue 14, 12: the guide cited a SOURCES.md that was not
 * in the repository and ran a bare `pnpm`). scaffold.test.ts follows its steps; this holds its text to the
 * repository: what it links and names exists, or is what the scaffold writes, and its commands run here.
 */

const GUIDE = 'docs/CONNECTORS.md';
const text = readFileSync(path.join(REPO_ROOT, GUIDE), 'utf8');
const TEMPLATES = path.join(REPO_ROOT, 'ops/templates/tutelle');

/** The files `hub connector new inria` writes, relative to the root (the templates' paths, filled). */
function scaffoldedFiles(dir = TEMPLATES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? scaffoldedFiles(path.join(dir, entry.name))
      : [
          path
            .relative(TEMPLATES, path.join(dir, entry.name))
            .replaceAll('__name__', 'inria')
            .replace(/\.tmpl$/, ''),
        ],
  );
}

/** The lines of the guide's shell blocks, comments off. */
function shellLines(): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

describe('docs/CONNECTORS.md', () => {
  it('links only to files of the repository', () => {
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(links.length).toBeGreaterThan(0);
    const missing = links.filter((target) => !existsSync(path.join(REPO_ROOT, 'docs', target)));
    expect(missing).toEqual([]);
  });

  it('names files that exist, or that the scaffold writes for Inria', () => {
    const written = new Set(scaffoldedFiles());
    expect(written).toContain('connectors/inria/src/tutelle.ts');
    const named = [...text.matchAll(/`((?:[\w.@-]+\/)+[\w.-]+\.(?:ts|md|yaml|json|graphql))`/g)]
      .map((match) => match[1]!)
      // The demo's data folder is made by `hub start`, not kept in the repository.
      .filter((file) => !file.startsWith('.hub/'));
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((file) => !existsSync(path.join(REPO_ROOT, file)) && !written.has(file));
    expect(missing).toEqual([]);
  });

  it('runs pnpm as the repository does (npx --yes pnpm@10), never a bare pnpm', () => {
    const lines = shellLines();
    expect(lines).toContain('npx --yes pnpm@10 hub connector new inria');
    expect(lines.filter((line) => /^pnpm\b/.test(line))).toEqual([]);
  });
});

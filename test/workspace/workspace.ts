import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The workspace as files say it: each package's manifest, its files, and what they import. */

export const ROOT = path.resolve(__dirname, '../..');

export interface WorkspacePackage {
  name: string;
  /** Its folder, relative to the root: `connectors/ul`. */
  dir: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  /** Its TypeScript (tsx too) and JavaScript files, relative to the root. */
  files: string[];
}

function gitFiles(dir: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // A file with a merge conflict is listed once per stage: once is enough.
  return [...new Set(out.split('\0'))].filter((file) => file && existsSync(path.join(ROOT, file)));
}

export function workspacePackages(): WorkspacePackage[] {
  const manifests = gitFiles('.').filter(
    (file) => file.endsWith('/package.json') && !file.includes('/templates/') && file.split('/').length <= 3,
  );
  const dirs = manifests.map((file) => path.dirname(file));
  return dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
    // A package's files are those under its folder and under no nested package's.
    const files = gitFiles(dir).filter(
      (file) =>
        /\.(ts|tsx|js)$/.test(file) &&
        !dirs.some((other) => other.startsWith(`${dir}/`) && file.startsWith(`${other}/`)),
    );
    return {
      name: manifest.name,
      dir,
      dependencies: manifest.dependencies ?? {},
      devDependencies: manifest.devDependencies ?? {},
      peerDependencies: manifest.peerDependencies ?? {},
      files,
    };
  });
}

export interface Import {
  file: string;
  specifier: string;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

/** Every module a file imports (static, dynamic, require, require.resolve), as written. */
export function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => ({ file, specifier: match[1]! }));
}

/** `@hub/connector-ul/testing` → `@hub/connector-ul`; `pg` → `pg`; a relative or node: specifier → null. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importsOf, packageOf, ROOT, workspacePackages } from './workspace';

/*
 * Every declared dependency of a workspace package is used: imported by one of its files, the types of one
 * that is (`@types/pg` for `pg`), or a peer another of its dependencies requires (type-graphql's
 * graphql-scalars). One that is none of these is dead weight in every install.
 */

/** Dependencies no import names, each with the reason it stays: a tool loads it by name, or it waits. */
const NOT_IMPORTED: Record<string, Record<string, string>> = {
  ops: { 'kubernetes-models': 'ops/src/kubernetes/validate.ts imports it by a computed path (ESM only)' },
  'gateway/web': {
    '@graphql-codegen/client-preset': "build.ts asks GraphQL Code Generator for its `preset: 'client'`",
    typescript:
      'the version its tsconfig.json is checked with (editors, `npx tsc -p gateway/web`); nothing imports it',
  },
};

function peersOf(dir: string, dependency: string): string[] {
  const manifest = path.join(ROOT, dir, 'node_modules', dependency, 'package.json');
  return existsSync(manifest)
    ? Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).peerDependencies ?? {})
    : [];
}

describe('declared dependencies', () => {
  const packages = workspacePackages();

  it('are each used by the package that declares them', () => {
    const unused = packages.flatMap((p) => {
      const declared = Object.keys({ ...p.dependencies, ...p.devDependencies });
      const imported = new Set(
        p.files.flatMap(importsOf).flatMap(({ specifier }) => packageOf(specifier) ?? []),
      );
      const peers = new Set(declared.flatMap((d) => peersOf(p.dir, d)));
      const typed = (d: string) => {
        const [scope, name] = d.slice('@types/'.length).split('__');
        return imported.has(name ? `@${scope}/${name}` : scope!);
      };
      return declared
        .filter((d) => !imported.has(d) && !peers.has(d) && !(d.startsWith('@types/') && typed(d)))
        .filter((d) => !NOT_IMPORTED[p.dir]?.[d])
        .map((d) => `${p.dir}: ${d}`);
    });
    expect(packages.length).toBeGreaterThan(10);
    expect(unused).toEqual([]);
  });
});

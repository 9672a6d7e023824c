import path from 'node:path';
import { TUTELLE_DESCRIPTORS } from '@hub/ops';
import { importsOf, packageOf, ROOT, type WorkspacePackage, workspacePackages } from './workspace';

/*
 * The layering rules (docs/ARCHITECTURE.md), read from every package.json and every import of the
 * workspace: a rule broken by a new dependency or a new import fails here, with the file that broke it.
 */

const packages = workspacePackages();
const byName = new Map(packages.map((p) => [p.name, p]));
const TUTELLE_DIRS = TUTELLE_DESCRIPTORS.map((d) => `connectors/${d.name}`);
const isTutelleConnector = (p: WorkspacePackage) => TUTELLE_DIRS.includes(p.dir);
const SUBGRAPHS = packages.filter((p) => p.dir.startsWith('subgraphs/') && p.dir !== 'subgraphs/kit');
const CONNECTORS = packages.filter((p) => p.dir.startsWith('connectors/'));

/** Each workspace package a package uses: declared (any kind of dependency) or imported, with where. */
function uses(p: WorkspacePackage): Array<{ used: string; where: string }> {
  const declared = Object.keys({ ...p.dependencies, ...p.devDependencies })
    .filter((name) => byName.has(name))
    .map((used) => ({ used, where: `${p.dir}/package.json` }));
  const imported = p.files.flatMap(importsOf).flatMap(({ file, specifier }) => {
    const used = packageOf(specifier);
    return used && byName.has(used) && used !== p.name ? [{ used, where: file }] : [];
  });
  return [...declared, ...imported];
}

/** `rule` broken: each use of a forbidden package, `where → what`. */
function breaches(
  from: WorkspacePackage[],
  forbidden: (used: WorkspacePackage, user: WorkspacePackage) => boolean,
) {
  return from.flatMap((p) =>
    uses(p)
      .filter(({ used }) => forbidden(byName.get(used)!, p))
      .map(({ used, where }) => `${where} → ${used}`),
  );
}

describe('the workspace layering', () => {
  it('finds the packages it judges', () => {
    expect(packages.length).toBeGreaterThan(10);
    expect(packages.filter(isTutelleConnector).map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@hub/connector-ul',
        '@hub/connector-cnrs',
        '@hub/connector-inrae',
        '@hub/connector-chru',
      ]),
    );
    expect(SUBGRAPHS.length).toBeGreaterThan(0);
    expect(packages.every((p) => p.files.length > 0)).toBe(true);
  });

  it('the contract (schema) depends on nothing of ours', () => {
    expect(breaches([byName.get('@hub/schema')!], () => true)).toEqual([]);
  });

  it('tutelles never import each other', () => {
    const tutelles = packages.filter(isTutelleConnector);
    expect(breaches(tutelles, (used, user) => isTutelleConnector(used) && used !== user)).toEqual([]);
  });

  it('the gateway imports no subgraph and no connector', () => {
    const forbidden = (used: WorkspacePackage) =>
      SUBGRAPHS.includes(used) || used.name.startsWith('@hub/connector-') || used.name === '@hub/ops';
    // It does use @hub/source-kit (source health, retries: what every reader of a source shares) and
    // @hub/service-kit (the server every service runs on): neither is a connector nor a subgraph.
    expect(breaches([byName.get('@hub/gateway')!], forbidden)).toEqual([]);
  });

  it('connectors know no subgraph, gateway or operations code', () => {
    const forbidden = (used: WorkspacePackage) =>
      SUBGRAPHS.includes(used) ||
      ['@hub/gateway', '@hub/ops', '@hub/test', '@hub/service-kit'].includes(used.name);
    // Their stand-ins (rows, fixtures, writers, the GMAO server) live in each connector's `testing`
    // subpath: a connector's tests need nothing of the hub's operations.
    expect(breaches(CONNECTORS, forbidden)).toEqual([]);
  });

  it('no import reaches into another package by a relative path', () => {
    const crossings = packages.flatMap((p) =>
      p.files.flatMap(importsOf).flatMap(({ file, specifier }) => {
        if (!specifier.startsWith('.')) return [];
        const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier));
        return target.startsWith(`${p.dir}/`) ? [] : [`${file} → ${specifier}`];
      }),
    );
    // Disposable test databases are `@hub/connector-sql/testing`'s, as every stand-in is its connector's.
    expect(crossings).toEqual([]);
  });

  it('the site’s domains use each other through their barrels only', () => {
    // subgraphs/site/src/<domain>/index.ts is what the other domains and the package may use of it.
    const DOMAINS = ['registry', 'inventory', 'tariffs', 'coris', 'jobs'];
    const site = path.join('subgraphs', 'site', 'src');
    const domainOf = (file: string) => path.relative(site, file).split(path.sep)[0]!;
    const reaches = byName
      .get('@hub/subgraph-site')!
      .files.flatMap(importsOf)
      .flatMap(({ file, specifier }) => {
        if (!specifier.startsWith('.')) return [];
        const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier));
        const domain = domainOf(target);
        const intoDomain = DOMAINS.includes(domain) && domainOf(file) !== domain;
        return intoDomain && target !== path.join(site, domain) ? [`${file} → ${specifier}`] : [];
      });
    expect(reaches).toEqual([]);
  });

  it('every workspace package a file imports is declared by its package', () => {
    const undeclared = packages.flatMap((p) =>
      p.files.flatMap(importsOf).flatMap(({ file, specifier }) => {
        const used = packageOf(specifier);
        const declared = { ...p.dependencies, ...p.devDependencies };
        return used && byName.has(used) && used !== p.name && !(used in declared)
          ? [`${file} → ${used}`]
          : [];
      }),
    );
    expect(undeclared).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * `pnpm hub connector new <name>`: a new tutelle's connector (its folder, with its descriptor, mapping,
 * sample source and contract test) from the templates in ops/templates/tutelle, and its registration: its
 * line in the Tutelle enum and TUTELLES (schema/src/tutelles.ts), its descriptor in ops/src/tutelles.ts,
 * its package in ops' dependencies. Every template file ends in `.tmpl` (so that no tool takes it for code)
 * and says `__name__`, `__Name__`, `__NAME__` and `__PORT__` where they go, in its path and its text.
 */

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const TEMPLATES = path.resolve(__dirname, '../../templates/tutelle');

/** The spellings of a name, `inria`: package and folder, type prefix, tutelle code and variables. */
export interface TutelleNames {
  name: string;
  Name: string;
  NAME: string;
}

const VALID_NAME = /^[a-z][a-z0-9]{1,19}$/;

export function tutelleNames(name: string): TutelleNames {
  if (!VALID_NAME.test(name)) {
    throw new Error(
      `Invalid tutelle name ${JSON.stringify(name)}: 2 to 20 lower-case letters and digits, a letter first ` +
        '(it names connectors/<name>, @hub/connector-<name>, the tutelle code <NAME> and HUB_<NAME>_* variables)',
    );
  }
  return { name, Name: name[0]!.toUpperCase() + name.slice(1), NAME: name.toUpperCase() };
}

function fill(template: string, names: TutelleNames, port = 0): string {
  return template
    .replaceAll('__PORT__', String(port))
    .replaceAll('__NAME__', names.NAME)
    .replaceAll('__Name__', names.Name)
    .replaceAll('__name__', names.name);
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmpl'))
    .map((entry) => path.relative(TEMPLATES, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The port after every registered tutelle's default one: each service has its own by default. */
function nextFreePort(root: string): number {
  const ports = readdirSync(path.join(root, 'connectors')).flatMap((folder) => {
    const file = path.join(root, 'connectors', folder, 'src/tutelle.ts');
    const port = existsSync(file) ? /defaultPort: (\d+)/.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
    return port ? [Number(port)] : [];
  });
  return Math.max(4005, ...ports) + 1;
}

/** Insert `line` before the marker comment `hub connector new: … above this line` in `file`. */
function insertBeforeMarker(root: string, file: string, marker: string, line: string): void {
  const text = readFileSync(path.join(root, file), 'utf8');
  const at = text.indexOf(`// hub connector new: ${marker} above this line`);
  if (at < 0)
    throw new Error(`${file}: the scaffold's marker "${marker}" is gone; add ${line.trim()} by hand`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  writeFileSync(path.join(root, file), `${text.slice(0, lineStart)}${line}\n${text.slice(lineStart)}`);
}

/** The new tutelle in the enum, in TUTELLES, in the registry of descriptors and in ops' dependencies. */
function register(root: string, { name, Name, NAME }: TutelleNames): string[] {
  const schema = 'schema/src/tutelles.ts';
  insertBeforeMarker(root, schema, 'tutelles', `  ${NAME} = '${NAME}',`);
  insertBeforeMarker(
    root,
    schema,
    'entries',
    `  ${NAME}: { code: Tutelle.${NAME}, name: '${NAME}', typePrefix: '${Name}', subgraph: '${name}' },`,
  );
  const registry = 'ops/src/tutelles.ts';
  const text = readFileSync(path.join(root, registry), 'utf8');
  writeFileSync(
    path.join(root, registry),
    `import { ${name}Tutelle } from '@hub/connector-${name}';\n${text}`,
  );
  insertBeforeMarker(root, registry, 'registered tutelles', `  ${name}Tutelle,`);
  const manifest = 'ops/package.json';
  const ops = JSON.parse(readFileSync(path.join(root, manifest), 'utf8'));
  ops.dependencies = Object.fromEntries(
    Object.entries({ ...ops.dependencies, [`@hub/connector-${name}`]: 'workspace:*' }).sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );
  writeFileSync(path.join(root, manifest), `${JSON.stringify(ops, null, 2)}\n`);
  return [schema, registry, manifest];
}

/**
 * Writes `connectors/<name>` under `root` (the repository by default), registers the tutelle, and returns
 * the files written or changed, relative to `root`. Refuses, before writing anything, an invalid name, one
 * whose folder exists or that names a subgraph already, or a tutelle already in the enum. The files are
 * then formatted with the repository's Biome settings: names of any length change where lines break and
 * how imports sort.
 */
export function scaffoldTutelle(name: string, root = REPO_ROOT): string[] {
  const names = tutelleNames(name);
  for (const folder of ['connectors', 'subgraphs'].map((parent) => path.join(parent, names.name))) {
    if (existsSync(path.join(root, folder))) {
      throw new Error(`${folder} already exists: choose another name (or edit the tutelle that is there)`);
    }
  }
  const schema = readFileSync(path.join(root, 'schema/src/tutelles.ts'), 'utf8');
  if (new RegExp(`\\b${names.NAME} = '`).test(schema))
    throw new Error(`${names.NAME} is already a tutelle in schema/src/tutelles.ts`);
  const port = nextFreePort(root);
  const written = templateFiles(TEMPLATES).map((template) => {
    const target = fill(template, names).replace(/\.tmpl$/, '');
    mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    writeFileSync(
      path.join(root, target),
      fill(readFileSync(path.join(TEMPLATES, template), 'utf8'), names, port),
    );
    return target;
  });
  const registered = register(root, names);
  const biome = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/biome'),
    [
      'check',
      '--write',
      '--config-path',
      REPO_ROOT,
      path.join(root, 'connectors', names.name),
      ...registered.map((file) => path.join(root, file)),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (biome.status !== 0)
    throw new Error(`biome could not format the new files:\n${biome.stdout}${biome.stderr}`);
  return [...written, ...registered];
}

/**
 * What makes the new tutelle part of the workspace and the graph: pnpm links its package (offline: it needs
 * nothing new from the registry), then the supergraph is composed again in a new process, which loads the
 * new registration. Each step's failure stops with its output.
 */
export function linkAndCompose(log: (line: string) => void, root = REPO_ROOT): void {
  const steps: Array<[string, string[]]> = [
    ['npx', ['--yes', 'pnpm@10', 'install', '--offline']],
    [process.execPath, ['--import', 'tsx', path.join(root, 'ops/src/cli.ts'), 'supergraph']],
  ];
  for (const [command, args] of steps) {
    log(`$ ${[path.basename(command), ...args].join(' ')}`);
    const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`${path.basename(command)} failed:\n${result.stdout}${result.stderr}`);
  }
}

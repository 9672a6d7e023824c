import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * `pnpm hub connector new <name>`: a new tutelle's connector and subgraph, from the templates in
 * ops/templates/tutelle. Every template file ends in `.tmpl` (so that no tool takes it for code) and says
 * `__name__`, `__Name__` and `__NAME__` where the name goes, in its path and its text.
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

function fill(template: string, names: TutelleNames): string {
  return template
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

/**
 * Writes `connectors/<name>` and `subgraphs/<name>` under `root` (the repository by default) and returns
 * the files written, relative to `root`. Refuses, before writing anything, an invalid name or one whose
 * folders exist. The files are then formatted with the repository's Biome settings: names of any length
 * change where lines break and how imports sort.
 */
export function scaffoldTutelle(name: string, root = REPO_ROOT): string[] {
  const names = tutelleNames(name);
  const folders = ['connectors', 'subgraphs'].map((parent) => path.join(parent, names.name));
  for (const folder of folders) {
    if (existsSync(path.join(root, folder))) {
      throw new Error(`${folder} already exists: choose another name (or edit the tutelle that is there)`);
    }
  }
  const written = templateFiles(TEMPLATES).map((template) => {
    const target = fill(template, names).replace(/\.tmpl$/, '');
    mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    writeFileSync(path.join(root, target), fill(readFileSync(path.join(TEMPLATES, template), 'utf8'), names));
    return target;
  });
  const biome = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/biome'),
    ['check', '--write', '--config-path', REPO_ROOT, ...folders.map((folder) => path.join(root, folder))],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (biome.status !== 0)
    throw new Error(`biome could not format the new files:\n${biome.stdout}${biome.stderr}`);
  return written;
}

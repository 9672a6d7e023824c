import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * A setting is read in one typed place: the hub's in `ops/src/config.ts`, what every service process reads
 * for itself in `subgraphs/kit/src/settings.ts`, both through `Settings`. A new `process.env` anywhere else
 * in the hub's code fails here until it moves there, or is listed below with why it may not.
 */

const ROOT = path.resolve(__dirname, '../..');
const CODE = ['gateway', 'subgraphs', 'connectors', 'schema/src', 'ops/src'];
const NOT_CODE = /\.test\.ts$|\/node_modules\/|\/dist\/|\/gateway\/web\/src\/gql\//;

/** Files (or folders, ending in `/`) that may name `process.env`, each with its reason. */
const ALLOWED: Record<string, string> = {
  'connectors/kit/src/settings.ts': 'the typed reader itself: the process environment is its default',
  'ops/src/config.ts': "the hub's settings, read once when a command or a service starts",
  'subgraphs/kit/src/settings.ts':
    "every service process's own settings (keys, metrics token, log level, tracing)",
  'gateway/src/gateway.ts':
    "writes APOLLO_TELEMETRY_DISABLED, @apollo/gateway's own switch, which that library reads",
  'ops/src/web/demo-site.ts': "the demo site: the hub's configuration with the demo's own data folder",
  'ops/src/cache-figures.ts': 'a measuring command: quiets the logs of the services it starts in its process',
  'ops/src/ensure-services.ts': "the tests' tooling: where their browser is (HUB_TEST_CHROMIUM)",
  'connectors/sql/src/testing/':
    "the tests' tooling: the servers their disposable databases are made on (HUB_TEST_POSTGRES_URL, HUB_TEST_MARIADB_URL)",
  'ops/src/bench/':
    'the bench: its own knobs (HUB_BENCH_PROFILE) and the environment of the processes it starts',
};

function codeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !NOT_CODE.test(`/${file}`));
}

const allowance = (file: string) =>
  Object.keys(ALLOWED).find((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));

describe('settings read in one typed place', () => {
  const readers = CODE.flatMap(codeFiles).filter((file) =>
    readFileSync(path.join(ROOT, file), 'utf8').includes('process.env'),
  );

  it('no module reads process.env but those listed with their reason', () => {
    expect(readers.filter((file) => !allowance(file))).toEqual([]);
  });

  it('lists no module that no longer reads it', () => {
    const used = new Set(readers.map(allowance));
    expect(Object.keys(ALLOWED).filter((entry) => !used.has(entry))).toEqual([]);
  });
});

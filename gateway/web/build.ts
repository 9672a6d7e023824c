import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generate } from '@graphql-codegen/cli';
import { build } from 'vite';

/*
 * The interface's build, one step for `pnpm start` (when missing or out of date) and the tests: GraphQL
 * types and persisted documents from the supergraph (GraphQL Code Generator's client preset), then Vite,
 * then a gzip copy of each asset for the gateway to send as it is. `tsx gateway/web/build.ts [--if-stale]`.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const SUPERGRAPH = path.join(here, '../supergraph.graphql');
const DIST = path.join(here, 'dist');
const STAMP = path.join(DIST, 'build-stamp');
/** Where the gateway finds the operations' texts by hash: beside the application, not served by it. */
export const PERSISTED_DOCUMENTS = path.join(DIST, 'persisted-documents.json');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? files(file) : [file];
  });
}

/** What the build depends on, hashed: the sources (not the generated types), the supergraph, the config. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(path.join(here, 'src')).filter((f) => !f.includes(`${path.sep}gql${path.sep}`)),
    SUPERGRAPH,
    path.join(here, 'index.html'),
    path.join(here, 'vite.config.ts'),
    path.join(here, 'package.json'),
  ].sort();
  for (const file of inputs) hash.update(file.slice(here.length)).update(readFileSync(file));
  return hash.digest('hex');
}

export async function buildWebApp(options: { ifStale?: boolean } = {}): Promise<'built' | 'up to date'> {
  const hash = sourceHash();
  if (options.ifStale && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return 'up to date';
  await generate(
    {
      schema: SUPERGRAPH,
      documents: [path.join(here, 'src/**/*.{ts,tsx}'), `!${path.join(here, 'src/gql/**')}`],
      silent: true,
      generates: {
        [path.join(here, 'src/gql/')]: {
          preset: 'client',
          presetConfig: {
            fragmentMasking: false,
            persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
          },
          config: { enumsAsTypes: true, useTypeImports: true, scalars: { Date: 'string' } },
        },
      },
    },
    true,
  );
  await build({ root: here, configFile: path.join(here, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(
    PERSISTED_DOCUMENTS,
    readFileSync(path.join(here, 'src/gql/persisted-documents.json'), 'utf8'),
  );
  for (const file of files(path.join(DIST, 'app/assets'))) {
    if (/\.(js|css|svg|json)$/.test(file))
      writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  }
  writeFileSync(STAMP, hash);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = performance.now();
  buildWebApp({ ifStale: process.argv.includes('--if-stale') }).then(
    (result) => console.log(`Interface ${result} (${Math.round(performance.now() - started)} ms): ${DIST}`),
    (error: Error) => {
      console.error(`Interface build failed: ${error.message}`);
      process.exit(1);
    },
  );
}

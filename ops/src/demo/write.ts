import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UL_SOURCE_DDL } from '@hub/connector-ul';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { countSite, type DemoCounts } from './counts';
import { type GenerateOptions, generateSite } from './generate';
import type { DemoSite, UlAffectation, UlAgent, UlDepense, UlImmobilisation, UlRows } from './types';

/*
 * Writes a demo site where the hub reads it: UL's replica as SQLite files (the embedded default) or into a
 * PostgreSQL database (a stand-in for the real replica), the registry as YAML, the ground truth as JSON.
 * The other tutelles' sources are not written yet: their rows stay in the DemoSite.
 */

interface UlTable {
  name: string;
  rows: (ul: UlRows) => readonly object[];
  columns: readonly string[];
}

/** Typed against the row interface: a column the rows lack does not compile. */
const table = <Row extends object>(
  name: string,
  rows: (ul: UlRows) => readonly Row[],
  columns: ReadonlyArray<keyof Row & string>,
): UlTable => ({ name, rows, columns });

/** UL's tables in load order (agents before the assignments that reference them), columns as in the DDL. */
const UL_TABLES: readonly UlTable[] = [
  table<UlImmobilisation>('sifac.immobilisation', (ul) => ul.immobilisation, [
    'societe',
    'num_immo',
    'sous_num',
    'classe_immo',
    'designation',
    'designation2',
    'num_serie',
    'num_inventaire',
    'date_mes',
    'valeur_acq',
    'duree_amort',
    'centre_fin',
    'centre_couts',
    'localisation',
    'fournisseur',
    'financement',
    'date_sortie',
  ]),
  table<UlDepense>('sifac.depense', (ul) => ul.depense, [
    'id',
    'date_comptable',
    'centre_fin',
    'centre_couts',
    'compte',
    'libelle',
    'montant',
  ]),
  table<UlAgent>('siham.agent', (ul) => ul.agent, ['matricule', 'nom', 'prenom', 'corps', 'bap', 'email']),
  table<UlAffectation>('siham.affectation', (ul) => ul.affectation, [
    'matricule',
    'structure',
    'quotite',
    'date_debut',
    'date_fin',
    'cout_annuel_charge',
  ]),
];

const valuesOf = (row: object, columns: readonly string[]) =>
  columns.map((column) => (row as Record<string, unknown>)[column]);

/**
 * `dir/sifac.sqlite` and `dir/siham.sqlite`, one file per schema as the UL connector attaches them,
 * replaced if there. One transaction over both files: a million rows take seconds, not minutes.
 */
export function writeUlSqlite(ul: UlRows, dir: string): void {
  const ulDir = dir;
  mkdirSync(ulDir, { recursive: true });
  const db = new Database(':memory:');
  try {
    for (const schema of ['sifac', 'siham']) {
      const file = path.join(ulDir, `${schema}.sqlite`);
      rmSync(file, { force: true });
      db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(file);
    }
    for (const statement of UL_SOURCE_DDL('sqlite')) db.exec(statement);
    db.transaction(() => {
      for (const { name, rows, columns } of UL_TABLES) {
        const insert = db.prepare(
          `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows(ul)) insert.run(valuesOf(row, columns));
      }
    })();
  } finally {
    db.close();
  }
}

/** Rows per INSERT: under PostgreSQL's 65,535 parameters, few round trips. */
const BATCH_PARAMETERS = 60_000;

/** Replaces the `sifac` and `siham` schemas of a PostgreSQL database with the site's UL rows. */
export async function loadUlPostgres(ul: UlRows, url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('DROP SCHEMA IF EXISTS sifac CASCADE');
    await client.query('DROP SCHEMA IF EXISTS siham CASCADE');
    for (const statement of UL_SOURCE_DDL('postgresql')) await client.query(statement);
    for (const { name, rows, columns } of UL_TABLES) {
      const all = rows(ul);
      const batch = Math.floor(BATCH_PARAMETERS / columns.length);
      for (let start = 0; start < all.length; start += batch) {
        const chunk = all.slice(start, start + batch);
        const tuples = chunk.map(
          (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
        );
        await client.query(
          `INSERT INTO ${name} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
          chunk.flatMap((row) => valuesOf(row, columns)),
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** The registry as SOURCES.md shows it: small maps inline (`{ tutelle: UL, id: "00123456", share: 0.8 }`). */
export function registryYaml(site: DemoSite): string {
  // No anchors and aliases where two platforms share a list: each platform reads on its own.
  const doc = new Document({ platforms: site.registry.platforms }, { aliasDuplicateObjects: false });
  const scalars = (node: unknown) => isSeq(node) && node.items.every((item) => isScalar(item));
  visit(doc, {
    Map(_, node) {
      if (node.items.every(({ value }) => isScalar(value) || scalars(value))) node.flow = true;
    },
    Seq(_, node) {
      if (scalars(node)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The truth as JSON, one instrument a line: greppable, and diffs stay readable. */
function truthJson(site: DemoSite): string {
  const instruments = site.truth.instruments.map((i) => JSON.stringify(i)).join(',\n');
  return `{\n"totals": ${JSON.stringify(site.truth.totals)},\n"instruments": [\n${instruments}\n]}\n`;
}

/** Generates a site and writes it into `dir`: registry.yaml, ul/*.sqlite, truth.json, manifest.json. */
export function writeDemo(dir: string, options: GenerateOptions = {}): DemoCounts {
  const site = generateSite(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'registry.yaml'), registryYaml(site));
  writeUlSqlite(site.ul, path.join(dir, 'ul'));
  writeFileSync(path.join(dir, 'truth.json'), truthJson(site));
  const counts = countSite(site);
  const manifest = {
    seed: site.seed,
    scale: site.scale,
    asOf: site.asOf,
    generatedAt: new Date().toISOString(),
    counts,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return counts;
}

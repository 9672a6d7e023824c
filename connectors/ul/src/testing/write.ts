import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { batchedInserts, sqlTable, writeSqliteFiles } from '@hub/connector-sql/testing';
import { Client } from 'pg';
import { UL_SOURCE_DDL } from '../source-schema';
import type { UlAffectation, UlAgent, UlDepense, UlImmobilisation, UlRows } from './rows';

const table = sqlTable<UlRows>();

/** UL's tables in load order (agents before the assignments that reference them), columns as in the DDL. */
const UL_TABLES = [
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

/** `dir/sifac.sqlite` and `dir/siham.sqlite`, one file per schema as the UL connector attaches them. */
export function writeUlSqlite(ul: UlRows, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files = { sifac: path.join(dir, 'sifac.sqlite'), siham: path.join(dir, 'siham.sqlite') };
  writeSqliteFiles(files, UL_SOURCE_DDL('sqlite'), UL_TABLES, ul);
}

/** Replaces the `sifac` and `siham` schemas of a PostgreSQL database with the site's UL rows. */
export async function loadUlPostgres(ul: UlRows, url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('DROP SCHEMA IF EXISTS sifac CASCADE');
    await client.query('DROP SCHEMA IF EXISTS siham CASCADE');
    for (const statement of UL_SOURCE_DDL('postgresql')) await client.query(statement);
    for (const [sql, params] of batchedInserts(UL_TABLES, ul, 'dollar')) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

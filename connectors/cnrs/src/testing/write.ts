import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { batchedInserts, sqlTable, writeSqliteFiles } from '@hub/connector-sql/testing';
import { createConnection } from 'mariadb';
import { CNRS_SOURCE_DDL } from '../source-schema';
import type { CnrsAgent, CnrsDepense, CnrsInventaire, CnrsRows } from './rows';

const table = sqlTable<CnrsRows>();

/** CNRS's tables, columns as in the DDL, qualified by the database that holds them. */
const cnrsTables = (database: string) => [
  table<CnrsInventaire>(`${database}.inventaire`, (cnrs) => cnrs.inventaire, [
    'id',
    'num_inventaire',
    'code_unite',
    'libelle',
    'marque',
    'modele',
    'num_serie',
    'date_acquisition',
    'montant_ht',
    'taux_tva',
    'duree_amortissement',
    'code_activite',
    'etat',
    'maj',
  ]),
  table<CnrsAgent>(`${database}.agent`, (cnrs) => cnrs.agent, [
    'id_agent',
    'nom',
    'prenom',
    'statut',
    'corps',
    'bap',
    'code_unite',
    'quotite_pct',
    'date_entree',
    'date_sortie',
    'cout_annuel',
    'maj',
  ]),
  table<CnrsDepense>(`${database}.depense`, (cnrs) => cnrs.depense, [
    'id',
    'code_unite',
    'code_activite',
    'date_facture',
    'nature',
    'libelle',
    'montant_ht',
    'maj',
  ]),
];

/** `dir/cnrs_dr06.sqlite`: the embedded stand-in for CNRS's MariaDB replica. */
export function writeCnrsSqlite(cnrs: CnrsRows, dir: string, database = 'cnrs_dr06'): void {
  mkdirSync(dir, { recursive: true });
  const files = { [database]: path.join(dir, `${database}.sqlite`) };
  writeSqliteFiles(files, CNRS_SOURCE_DDL('sqlite', database), cnrsTables(database), cnrs);
}

/** Replaces the CNRS tables of a MariaDB database (`mariadb://root@127.0.0.1:3306/cnrs_dr06`). */
export async function loadCnrsMariadb(cnrs: CnrsRows, url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const connection = await createConnection(url.replace(/^mariadb:/, 'mariadb:'));
  try {
    for (const name of ['depense', 'agent', 'inventaire'])
      await connection.query(`DROP TABLE IF EXISTS ${database}.${name}`);
    for (const statement of CNRS_SOURCE_DDL('mariadb', database)) await connection.query(statement);
    await connection.beginTransaction();
    for (const [sql, params] of batchedInserts(cnrsTables(database), cnrs, 'question')) {
      await connection.query(sql, params);
    }
    await connection.commit();
  } finally {
    await connection.end();
  }
}

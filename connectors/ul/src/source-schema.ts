/**
 * UL's reporting replica as docs/SOURCES.md describes it: the contract the connector reads. The demo
 * generator and the tests build their stand-in replicas from it; the connector never writes to a source.
 */
const POSTGRES_DDL = `
CREATE SCHEMA sifac;
CREATE TABLE sifac.immobilisation (
  societe        char(4)       NOT NULL,
  num_immo       varchar(12)   NOT NULL,
  sous_num       smallint      NOT NULL DEFAULT 0,
  classe_immo    varchar(8)    NOT NULL,
  designation    varchar(50)   NOT NULL,
  designation2   varchar(50),
  num_serie      varchar(40),
  num_inventaire varchar(25),
  date_mes       date,
  valeur_acq     numeric(14,2) NOT NULL,
  duree_amort    smallint,
  centre_fin     varchar(12)   NOT NULL,
  centre_couts   varchar(12),
  localisation   varchar(40),
  fournisseur    varchar(60),
  financement    varchar(40),
  date_sortie    date,
  PRIMARY KEY (societe, num_immo, sous_num)
);
CREATE TABLE sifac.depense (
  id             bigint PRIMARY KEY,
  date_comptable date          NOT NULL,
  centre_fin     varchar(12)   NOT NULL,
  centre_couts   varchar(12),
  compte         varchar(6)    NOT NULL,
  libelle        varchar(60),
  montant        numeric(12,2) NOT NULL
);
CREATE SCHEMA siham;
CREATE TABLE siham.agent (
  matricule  varchar(8) PRIMARY KEY,
  nom        varchar(60) NOT NULL,
  prenom     varchar(60) NOT NULL,
  corps      varchar(8)  NOT NULL,
  bap        char(1),
  email      varchar(120)
);
CREATE TABLE siham.affectation (
  matricule          varchar(8)    NOT NULL REFERENCES siham.agent,
  structure          varchar(12)   NOT NULL,
  quotite            numeric(5,2)  NOT NULL,
  date_debut         date          NOT NULL,
  date_fin           date,
  cout_annuel_charge numeric(12,2)
);`;

/**
 * The replica's DDL for a dialect. SQLite has no schemas: each is an attached file, and a foreign key
 * cannot cross files, so the SQLite form drops `CREATE SCHEMA` and the cross-schema reference.
 */
export function UL_SOURCE_DDL(dialect: 'postgresql' | 'sqlite'): string[] {
  const statements = POSTGRES_DDL.split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  if (dialect === 'postgresql') return statements;
  return statements
    .filter((s) => !s.startsWith('CREATE SCHEMA'))
    .map((s) => s.replace(' REFERENCES siham.agent', ''));
}

/**
 * CNRS's MariaDB replica as docs/SOURCES.md describes it: the contract the connector reads. The demo
 * generator and the tests build their stand-in replicas from it; the connector never writes to a source.
 */
const MARIADB_DDL = `
CREATE TABLE inventaire (
  id INT PRIMARY KEY, num_inventaire VARCHAR(24) NOT NULL,
  code_unite VARCHAR(10) NOT NULL,
  libelle VARCHAR(120) NOT NULL, marque VARCHAR(60), modele VARCHAR(60), num_serie VARCHAR(40),
  date_acquisition DATE, montant_ht DECIMAL(12,2) NOT NULL, taux_tva DECIMAL(4,2),
  duree_amortissement INT, code_activite VARCHAR(16),
  etat ENUM('en service','en panne','réformé') NOT NULL,
  maj TIMESTAMP NOT NULL
);
CREATE TABLE agent (
  id_agent INT PRIMARY KEY, nom VARCHAR(60), prenom VARCHAR(60),
  statut ENUM('ITA','chercheur','CDD') NOT NULL, corps VARCHAR(6),
  bap CHAR(1), code_unite VARCHAR(10) NOT NULL, quotite_pct INT NOT NULL,
  date_entree DATE NOT NULL, date_sortie DATE, cout_annuel DECIMAL(12,2),
  maj TIMESTAMP NOT NULL
);
CREATE TABLE depense (
  id BIGINT PRIMARY KEY, code_unite VARCHAR(10) NOT NULL, code_activite VARCHAR(16),
  date_facture DATE NOT NULL,
  nature ENUM('consommables','maintenance','fluides','petit_equipement','mission') NOT NULL,
  libelle VARCHAR(120), montant_ht DECIMAL(12,2) NOT NULL, maj TIMESTAMP NOT NULL
)`;

/**
 * The replica's DDL, tables qualified by the database that holds them (`cnrs_dr06.inventaire`). SQLite has no
 * ENUM: the same values become a CHECK constraint.
 */
export function CNRS_SOURCE_DDL(dialect: 'mariadb' | 'sqlite', database = 'cnrs_dr06'): string[] {
  return MARIADB_DDL.split(';')
    .map((s) => s.trim().replace(/^CREATE TABLE (\w+)/, `CREATE TABLE ${database}.$1`))
    .filter(Boolean)
    .map((s) =>
      dialect === 'mariadb'
        ? `${s} CHARACTER SET utf8mb4`
        : s.replace(/(\w+) ENUM\(([^)]*)\)/g, '$1 TEXT CHECK ($1 IN ($2))'),
    );
}

/*
 * UL's SIFAC and SIHAM rows as the source holds them (the columns of UL_SOURCE_DDL, docs/SOURCES.md): what
 * the stand-in writers load and the fixtures and the demo generator produce.
 */

// ---- UL: SIFAC and SIHAM, the columns of UL_SOURCE_DDL. Dates 'YYYY-MM-DD', amounts TTC.
export interface UlImmobilisation {
  societe: string;
  num_immo: string;
  sous_num: number;
  classe_immo: string;
  designation: string;
  designation2: string | null;
  num_serie: string | null;
  num_inventaire: string | null;
  date_mes: string | null;
  valeur_acq: number;
  duree_amort: number | null;
  centre_fin: string;
  centre_couts: string | null;
  localisation: string | null;
  fournisseur: string | null;
  financement: string | null;
  date_sortie: string | null;
}

export interface UlDepense {
  id: number;
  date_comptable: string;
  centre_fin: string;
  centre_couts: string | null;
  compte: string;
  libelle: string | null;
  montant: number;
}

export interface UlAgent {
  matricule: string;
  nom: string;
  prenom: string;
  corps: string;
  bap: string | null;
  email: string | null;
}

export interface UlAffectation {
  matricule: string;
  structure: string;
  quotite: number;
  date_debut: string;
  date_fin: string | null;
  cout_annuel_charge: number | null;
}

/** UL's replica, table by table: what the writers load into SQLite or PostgreSQL. */
export interface UlRows {
  immobilisation: UlImmobilisation[];
  depense: UlDepense[];
  agent: UlAgent[];
  affectation: UlAffectation[];
}

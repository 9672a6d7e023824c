/*
 * CNRS's replica rows as the source holds them (the columns of CNRS_SOURCE_DDL, docs/SOURCES.md): what the
 * stand-in writers load and the fixtures and the demo generator produce.
 */

// ---- CNRS: MariaDB tables. Amounts HT; `maj` a TIMESTAMP 'YYYY-MM-DD hh:mm:ss'.
export interface CnrsInventaire {
  id: number;
  num_inventaire: string;
  code_unite: string;
  libelle: string;
  marque: string | null;
  modele: string | null;
  num_serie: string | null;
  date_acquisition: string | null;
  montant_ht: number;
  taux_tva: number | null;
  duree_amortissement: number | null;
  code_activite: string | null;
  etat: 'en service' | 'en panne' | 'réformé';
  maj: string;
}

export interface CnrsAgent {
  id_agent: number;
  nom: string;
  prenom: string;
  statut: 'ITA' | 'chercheur' | 'CDD';
  corps: string;
  bap: string | null;
  code_unite: string;
  quotite_pct: number;
  date_entree: string;
  date_sortie: string | null;
  cout_annuel: number | null;
  maj: string;
}

export interface CnrsDepense {
  id: number;
  code_unite: string;
  code_activite: string | null;
  date_facture: string;
  nature: 'consommables' | 'maintenance' | 'fluides' | 'petit_equipement' | 'mission';
  libelle: string | null;
  montant_ht: number;
  maj: string;
}

/** CNRS's replica, table by table. */
export interface CnrsRows {
  inventaire: CnrsInventaire[];
  agent: CnrsAgent[];
  depense: CnrsDepense[];
}

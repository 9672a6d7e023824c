/*
 * The CHRU's GMAO items and CSV rows as the sources give them (docs/SOURCES.md): what the stand-ins serve
 * and write and the fixtures and the demo generator produce.
 */

// ---- CHRU: GMAO API items as the API returns them; CSV rows keyed by their headers, with numbers and
// ISO dates that the CSV writer turns into decimal commas and dd/mm/yyyy.
export interface ChruEquipement {
  id: string;
  libelle: string;
  marque: string | null;
  modele: string | null;
  numeroSerie: string | null;
  dateMiseEnService: string | null;
  valeurAchat: { montant: number; devise: 'EUR'; ttc: true };
  dureeAmortissement: number | null;
  uf: string;
  service: string;
  etat: 'EN_SERVICE' | 'EN_PANNE' | 'REFORME';
}

export interface ChruPersonnel {
  Matricule: string;
  Nom: string;
  Prénom: string;
  Grade: string;
  UF: string;
  Quotité: number;
  'Date entrée': string;
  'Date sortie': string | null;
  'Coût annuel chargé': number | null;
}

export interface ChruDepense {
  Date: string;
  UF: string;
  Compte: string;
  Libellé: string;
  Montant: number;
}

/** The CHRU's GMAO items and CSV exports. */
export interface ChruRows {
  equipements: ChruEquipement[];
  personnels: ChruPersonnel[];
  depenses: ChruDepense[];
}

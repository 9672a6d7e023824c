import type { Tutelle } from '@hub/schema';
import type { Domain } from './catalog';

/*
 * What the generator produces. Source rows carry exactly the columns docs/SOURCES.md gives each source, named
 * as the source names them, so writing them out (SQL, XLSX, CSV, JSON API) is a matter of format, not
 * content.
 */

/** The tutelles the demo generator makes: the four of docs/SOURCES.md (a tutelle added later ships its own sample). */
export type TutelleCode = `${Tutelle.UL | Tutelle.CNRS | Tutelle.INRAE | Tutelle.CHRU}`;

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

// ---- INRAE: workbook sheets, keyed by their French headers.
/**
 * A cell as typed: numbers are number cells, 'YYYY-MM-DD' strings date cells; any other string is a text
 * cell typed by hand ('14/03/2019', '12 345,60'), null an empty cell.
 */
export type Cell = string | number | null;

export interface InraeEquipement {
  Centre: Cell;
  Unité: Cell;
  'N° inventaire': Cell;
  Libellé: Cell;
  Fabricant: Cell;
  Modèle: Cell;
  'N° série': Cell;
  "Date d'achat": Cell;
  "Prix d'achat TTC (€)": Cell;
  'Durée amortissement (ans)': Cell;
  'Code plateforme': Cell;
  Statut: Cell;
}

export interface InraeAgent {
  Matricule: Cell;
  Nom: Cell;
  Prénom: Cell;
  Corps: Cell;
  Unité: Cell;
  'Quotité (%)': Cell;
  'Date début': Cell;
  'Date fin': Cell;
  'Coût chargé annuel (€)': Cell;
}

export interface InraeDepense {
  Date: Cell;
  Unité: Cell;
  'Code plateforme': Cell;
  Nature: Cell;
  Libellé: Cell;
  'Montant TTC (€)': Cell;
}

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

// ---- The site registry, in the shape of docs/SOURCES.md's YAML.
export type ServiceUnit = 'hour' | 'sample' | 'day' | 'run';

export interface PublishedPrices {
  internal: number;
  external: number;
  private?: number;
}

export interface RegistryService {
  code: string;
  name: string;
  unit: ServiceUnit;
  yearlyVolume: number;
  staffHoursPerUnit: number;
  equipmentHoursPerUnit: number;
  currentPrices: Partial<Record<TutelleCode, PublishedPrices>>;
}

export interface RegistryPlatform {
  code: string;
  name: string;
  units: string[];
  tutelles: TutelleCode[];
  themes: string[];
  /** `granted`, `lastReview` (null: none held yet) and `nextReview` only where a label was granted. */
  label: {
    status: 'labelled' | 'in_progress' | 'none';
    granted?: string;
    lastReview?: string | null;
    nextReview?: string;
  };
  contact: { name: string; email: string };
  costCentres: Record<TutelleCode, string[]>;
  staff: Array<{ tutelle: TutelleCode; id: string; share: number }>;
  services: RegistryService[];
}

// ---- Ground truth: what reconciliation should find.
export type InstrumentStatus = 'in_service' | 'broken' | 'disposed';

/** Each tutelle's record of an instrument, by the key(s) its source uses. */
export interface InstrumentRecords {
  UL?: { num_immo: string };
  CNRS?: { id: number; num_inventaire: string };
  INRAE?: { 'N° inventaire': string };
  CHRU?: { id: string };
}

export interface TruthInstrument {
  id: string;
  platform: string;
  kind: string;
  designation: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  commissioned: string;
  status: InstrumentStatus;
  disposed: string | null;
  /** Price HT, upgrades included: the sum of `shares`. */
  priceHT: number;
  /** Each co-funder's share of the price, HT. */
  shares: Partial<Record<TutelleCode, number>>;
  records: InstrumentRecords;
}

export interface SiteTotals {
  instruments: number;
  /** Not disposed: a broken instrument is still on every inventory. */
  instrumentsInService: number;
  /** Of the instruments in service. */
  valueHT: number;
  valueHTByTutelle: Record<TutelleCode, number>;
}

export interface Unit {
  code: string;
  acronym: string;
  tutelles: TutelleCode[];
  domain: Domain;
  /** Where it is: a platform code may end with it ('MEB-METZ'). */
  site: string;
}

/** The CHRU's GMAO items and CSV exports. */
export interface ChruRows {
  equipements: ChruEquipement[];
  personnels: ChruPersonnel[];
  depenses: ChruDepense[];
}

/** INRAE's extraction workbook, sheet by sheet. */
export interface InraeRows {
  Equipements: InraeEquipement[];
  Agents: InraeAgent[];
  Dépenses: InraeDepense[];
}

/** CNRS's replica, table by table. */
export interface CnrsRows {
  inventaire: CnrsInventaire[];
  agent: CnrsAgent[];
  depense: CnrsDepense[];
}

/** UL's replica, table by table: what the writers load into SQLite or PostgreSQL. */
export interface UlRows {
  immobilisation: UlImmobilisation[];
  depense: UlDepense[];
  agent: UlAgent[];
  affectation: UlAffectation[];
}

export interface DemoSite {
  seed: number;
  scale: number;
  /** The day the extraction is taken: disposals before it, expenses in the three years up to it. */
  asOf: string;
  units: Unit[];
  registry: { platforms: RegistryPlatform[] };
  ul: UlRows;
  cnrs: CnrsRows;
  inrae: InraeRows;
  chru: ChruRows;
  truth: { instruments: TruthInstrument[]; totals: SiteTotals };
}

/*
 * INRAE's extraction workbook rows, keyed by their French headers (docs/SOURCES.md): what the stand-in
 * writer saves and the fixtures and the demo generator produce.
 */

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

/** INRAE's extraction workbook, sheet by sheet. */
export interface InraeRows {
  Equipements: InraeEquipement[];
  Agents: InraeAgent[];
  Dépenses: InraeDepense[];
}

/*
 * The site-wide staff categories CORIS reports, and how each HR source's grades map to them (SOURCES.md):
 * UL SIHAM `corps`, CNRS `corps` (or `statut` where no corps), INRAE `Corps`, CHRU `Grade`.
 */
export enum StaffCategory {
  /** BIATSS/ITA engineers: IGR, IGE (UL); IR, IE (CNRS, INRAE); hospital engineers (CHRU). */
  ENGINEER = 'ENGINEER',
  /** BIATSS/ITA technicians and assistant engineers: ASI, TCH, ATRF (UL); AI, T, AJT (CNRS); AI, TR, AT (INRAE); laboratory technicians (CHRU). */
  TECHNICIAN = 'TECHNICIAN',
  /** Researchers and academics: MCF, PR (UL); CR, DR (CNRS, INRAE); hospital practitioners (CHRU). */
  RESEARCHER = 'RESEARCHER',
  /** Fixed-term contract staff: CNRS `CDD`, clinical research associates (CHRU), any grade naming a contract. */
  CONTRACT = 'CONTRACT',
  /** A grade not in this table: listed as is in docs/HISTORY.md's table when found. */
  OTHER = 'OTHER',
}

const GRADES: Readonly<Record<string, StaffCategory>> = {
  IGR: StaffCategory.ENGINEER,
  IGE: StaffCategory.ENGINEER,
  IR: StaffCategory.ENGINEER,
  IE: StaffCategory.ENGINEER,
  'INGENIEUR HOSPITALIER': StaffCategory.ENGINEER,
  ASI: StaffCategory.TECHNICIAN,
  TCH: StaffCategory.TECHNICIAN,
  ATRF: StaffCategory.TECHNICIAN,
  AI: StaffCategory.TECHNICIAN,
  T: StaffCategory.TECHNICIAN,
  TR: StaffCategory.TECHNICIAN,
  AJT: StaffCategory.TECHNICIAN,
  AT: StaffCategory.TECHNICIAN,
  'TECHNICIEN DE LABORATOIRE MEDICAL': StaffCategory.TECHNICIAN,
  'TECHNICIEN SUPERIEUR HOSPITALIER': StaffCategory.TECHNICIAN,
  MCF: StaffCategory.RESEARCHER,
  PR: StaffCategory.RESEARCHER,
  CR: StaffCategory.RESEARCHER,
  DR: StaffCategory.RESEARCHER,
  CHERCHEUR: StaffCategory.RESEARCHER,
  'PRATICIEN HOSPITALIER': StaffCategory.RESEARCHER,
  CDD: StaffCategory.CONTRACT,
  ITA: StaffCategory.TECHNICIAN,
  'ATTACHE DE RECHERCHE CLINIQUE': StaffCategory.CONTRACT,
};

/** A grade as any HR source spells it → its site-wide category (accents, case and spaces ignored). */
export function categoryOf(grade: string | null | undefined): StaffCategory {
  if (!grade) return StaffCategory.OTHER;
  const key = grade
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (/\b(CDD|CONTRACTUEL|CONTRAT)\b/.test(key)) return StaffCategory.CONTRACT;
  return GRADES[key] ?? StaffCategory.OTHER;
}

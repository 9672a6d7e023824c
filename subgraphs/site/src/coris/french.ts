import { StaffCategory } from './categories';
import { RENEWAL_YEARS } from './equipment';
import { EquipmentGrouping, type IndicatorHeading, LabelDueKind, StaffGrouping } from './graphql/types';
import { MIN_CELL } from './staff';

/*
 * The steering committee's workbook in French: the graph's headings and keys are its API's (English, as its
 * field names and descriptions), the workbook is read by the committee. One place for every word it shows,
 * each definition the French of the graph's own (staff.ts, equipment.ts, labels.ts).
 */

const STAFF_BY: Record<StaffGrouping, string> = {
  [StaffGrouping.TUTELLE]: 'par tutelle',
  [StaffGrouping.CATEGORY]: 'par catégorie',
  [StaffGrouping.PLATFORM]: 'par plateforme',
};

const EQUIPMENT_BY: Record<EquipmentGrouping, string> = {
  [EquipmentGrouping.TUTELLE]: 'par tutelle',
  [EquipmentGrouping.PLATFORM]: 'par plateforme',
  [EquipmentGrouping.KIND]: 'par type',
  [EquipmentGrouping.AGE_BAND]: 'par tranche d’âge',
};

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

export function staffHeading(year: number, groupBy: StaffGrouping): IndicatorHeading {
  return {
    title: `Personnels des plateformes en ${year}, ${STAFF_BY[groupBy]}`,
    definitions: [
      'Personnes : celles que le registre place sur une plateforme, avec une affectation RH en vigueur au moins un jour de l’année.',
      'Une personne employée par deux tutelles dans l’année (un changement d’employeur) compte une fois dans chacune.',
      'ETP : Σ sur les affectations de la quotité sur la plateforme × jours en vigueur dans l’année / jours de l’année.',
      'Masse salariale chargée : Σ coût annuel chargé × quotité × jours en vigueur / jours de l’année (comme les tarifs comptent le personnel).',
      'Catégorie : le grade de chaque source RH rapporté à un jeu commun au site (docs/HISTORY.md).',
      `Les cellules de moins de ${MIN_CELL} personnes sont masquées (avec la plus petite suivante quand une seule serait déductible), sauf pour le pilotage, les services centraux et l’administration.`,
    ],
  };
}

export function equipmentHeading(asOf: string, groupBy: EquipmentGrouping): IndicatorHeading {
  return {
    title: `Équipements en service au ${frenchDate(asOf)}, ${EQUIPMENT_BY[groupBy]}`,
    definitions: [
      'Équipement : un instrument physique, ses fiches chez plusieurs tutelles comptées une fois (inventaire du site).',
      'En service à une date : mis en service à cette date ou avant, non réformé (retiré de sa source) avant.',
      'Valeur HT : la somme des parts des tutelles, compléments compris. Par tutelle : la part de chaque tutelle.',
      'Valeur nette comptable : la valeur moins l’amortissement linéaire sur la plus longue durée d’utilisation de ses fiches.',
      'Tranche d’âge : années entières depuis la première mise en service, par tranches de 5 ans.',
      'Type : d’après les premiers mots de la désignation (docs/HISTORY.md donne les types).',
    ],
  };
}

export function renewalHeading(fromYear: number, today: string): IndicatorHeading {
  return {
    title: `Prévision de renouvellement ${fromYear}-${fromYear + RENEWAL_YEARS - 1}, équipements en service au ${frenchDate(today)}`,
    definitions: [
      'Fin de vie : première mise en service plus la plus longue durée d’utilisation des fiches de l’équipement.',
      'Valeur à renouveler : la valeur HT de l’équipement (à l’identique, aux prix d’achat).',
      'Déjà échus : fin de vie passée avant la première année.',
    ],
  };
}

export function labelHeading(asOf: string, withinMonths: number): IndicatorHeading {
  return {
    title: `Labels à échéance dans les ${withinMonths} mois ou dépassés, au ${frenchDate(asOf)}`,
    definitions: [
      'Évaluation due : 24 mois après la dernière évaluation, ou après l’attribution s’il n’y en a pas encore eu.',
      'Fin du label : 6 ans après l’attribution.',
      'En retard / expiré : la date précède le jour de l’indicateur ; à venir : dans les mois demandés.',
      'Seules les plateformes labellisées figurent, chacune une fois, sous l’échéance la plus pressante.',
    ],
  };
}

export const LABEL_DUE: Record<LabelDueKind, string> = {
  [LabelDueKind.REVIEW_OVERDUE]: 'évaluation en retard',
  [LabelDueKind.REVIEW_DUE]: 'évaluation à venir',
  [LabelDueKind.LABEL_EXPIRED]: 'label expiré',
  [LabelDueKind.LABEL_EXPIRING]: 'label expirant',
};

const CATEGORY: Record<StaffCategory, string> = {
  [StaffCategory.ENGINEER]: 'Ingénieurs',
  [StaffCategory.TECHNICIAN]: 'Techniciens',
  [StaffCategory.RESEARCHER]: 'Chercheurs et enseignants-chercheurs',
  [StaffCategory.CONTRACT]: 'Contractuels',
  [StaffCategory.OTHER]: 'Autres',
};

/** kinds.ts's kinds. */
const KIND: Record<string, string> = {
  Microscopy: 'Microscopie',
  'Mass spectrometry': 'Spectrométrie de masse',
  'NMR / EPR': 'RMN / RPE',
  Spectroscopy: 'Spectroscopie',
  'X-ray': 'Rayons X',
  Chromatography: 'Chromatographie',
  'Sequencing / genomics': 'Séquençage / génomique',
  'Cytometry / imaging': 'Cytométrie / imagerie',
  'Thermal / mechanical analysis': 'Analyse thermique / mécanique',
  'Sample preparation': 'Préparation d’échantillons',
  Computing: 'Calcul',
  Other: 'Autre',
};

/** A row's key in French: categories, kinds, the age band and platform that are not known. */
export function frenchKey(key: string): string {
  if (key === 'unknown') return 'inconnue';
  if (key === '(no platform)') return '(sans plateforme)';
  if (key === '20+') return '20 ans et plus';
  if (/^\d+-\d+$/.test(key)) return `${key.replace('-', ' à ')} ans`;
  return CATEGORY[key as StaffCategory] ?? KIND[key] ?? key;
}

import type { CnrsRows, UlRows } from '@hub/ops';

/*
 * A hand-built platform for the tariff tests: SPECTRO, hosted by UL and CNRS, on cost centre PF-SPECTRO of
 * each. Three instruments (an NMR spectrometer co-owned by UL and CNRS, a UL centrifuge whose life ends in
 * 2025, a CNRS glovebox commissioned in October 2025), four staff (two UL, two CNRS), a year of expenses
 * (2025) with a credit note, an expense of 2024, a travel expense that no tariff covers and two on an
 * account the chart of accounts does not class.
 * tariffs.test.ts computes every figure from these rows by hand.
 */

export const SPECTRO_REGISTRY = `platforms:
  - code: SPECTRO
    name: Plateforme de spectroscopie
    units: [UMR7565]
    tutelles: [UL, CNRS]
    costCentres: { UL: [PF-SPECTRO], CNRS: [PF-SPECTRO] }
    staff:
      - { tutelle: UL, id: "00200001", share: 0.5 }
      - { tutelle: UL, id: "00200002", share: 1.0 }
      - { tutelle: CNRS, id: "60001", share: 0.4 }
      - { tutelle: CNRS, id: "60002", share: 0.2 }
    services:
      - code: RMN-H
        name: RMN, heure en autonomie
        unit: hour
        yearlyVolume: 1000
        staffHoursPerUnit: 0.2
        equipmentHoursPerUnit: 1
        currentPrices:
          UL: { internal: 45, external: 70, private: 120 }
          CNRS: { internal: 55 }
      - code: RMN-ECH
        name: RMN, analyse d'un échantillon
        unit: sample
        yearlyVolume: 500
        staffHoursPerUnit: 0.5
        equipmentHoursPerUnit: 2
      - code: CONSEIL
        name: Conseil en spectroscopie
        unit: day
        yearlyVolume: 0
        staffHoursPerUnit: 8
        equipmentHoursPerUnit: 0
  - code: OTHER
    name: Une autre plateforme
    units: [UMR7565]
    tutelles: [UL]
    costCentres: { UL: [PF-OTHER] }
    staff:
      - { tutelle: UL, id: "00300001", share: 1.0 }
      - { tutelle: UL, id: "00300002", share: 1.0 }
      - { tutelle: UL, id: "00300003", share: 1.0 }
`;

const immobilisation = (
  num_immo: string,
  designation: string,
  designation2: string | null,
  num_serie: string | null,
  date_mes: string,
  valeur_acq: number,
  duree_amort: number,
) => ({
  societe: 'UL00',
  num_immo,
  sous_num: 0,
  classe_immo: '21540',
  designation,
  designation2,
  num_serie,
  num_inventaire: `UL-${date_mes.slice(0, 4)}-${num_immo.slice(-6)}`,
  date_mes,
  valeur_acq,
  duree_amort,
  centre_fin: '951UMR7565',
  centre_couts: 'PF-SPECTRO',
  localisation: null,
  fournisseur: null,
  financement: 'CPER 2015-2020',
  date_sortie: null as string | null,
});

const depense = (id: number, date_comptable: string, compte: string, libelle: string, montant: number) => ({
  id,
  date_comptable,
  centre_fin: '951UMR7565',
  centre_couts: 'PF-SPECTRO',
  compte,
  libelle,
  montant,
});

const affectation = (matricule: string, date_debut: string, cout_annuel_charge: number) => ({
  matricule,
  structure: 'UMR7565',
  quotite: 100,
  date_debut,
  date_fin: null,
  cout_annuel_charge,
});

export const SPECTRO_UL: UlRows = {
  immobilisation: [
    // UL's share of the NMR: 360,000 TTC = 300,000.00 HT; 10 years from 2020-01-01.
    immobilisation(
      '000030000001',
      'SPECTROMETRE RMN 600 MHZ',
      'BRUKER AVANCE NEO',
      'SN 500-777',
      '2020-01-01',
      360_000,
      10,
    ),
    // 87,600 TTC = 73,000.00 HT; 5 years from 2020-04-01: its life ends on 2025-04-01.
    immobilisation('000030000002', 'ULTRACENTRIFUGEUSE', null, 'NC', '2020-04-01', 87_600, 5),
  ],
  depense: [
    depense(101, '2025-02-10', '606300', 'Tubes RMN', 3_600), // 3,000.00 HT
    depense(102, '2025-05-01', '606300', 'Avoir tubes RMN', -240), // −200.00 HT
    depense(103, '2025-03-15', '615600', 'Contrat de maintenance RMN', 9_000), // 7,500.00 HT
    depense(104, '2025-07-01', '606100', 'Hélium liquide', 1_200), // 1,000.00 HT
    depense(105, '2024-12-20', '606300', 'Tubes RMN (2024)', 1_200), // not 2025
    depense(106, '2025-09-01', '625600', 'Mission congrès', 600), // travel: no tariff pays it
    // Two lines on an account the chart of accounts does not know: in no price, and said so.
    depense(107, '2025-10-01', '671200', 'Pénalités de retard', 360), // 300.00 HT
    depense(108, '2025-11-01', '671200', 'Pénalités de retard', 120), // 100.00 HT
  ],
  agent: [
    { matricule: '00200001', nom: 'LEROY', prenom: 'Claire', corps: 'IGR', bap: 'B', email: null },
    { matricule: '00200002', nom: 'MOREAU', prenom: 'Paul', corps: 'IGE', bap: 'B', email: null },
    ...['00300001', '00300002', '00300003'].map((matricule) => ({
      matricule,
      nom: 'AUTRE',
      prenom: 'Agent',
      corps: 'TCH',
      bap: 'B',
      email: null,
    })),
  ],
  affectation: [
    affectation('00200001', '2019-01-01', 60_000),
    affectation('00200002', '2025-03-01', 45_000),
    // OTHER's three people, 40,000 each, all year.
    ...['00300001', '00300002', '00300003'].map((m) => affectation(m, '2020-01-01', 40_000)),
  ],
};

const MAJ = '2026-01-05 10:00:00';

export const SPECTRO_CNRS: CnrsRows = {
  inventaire: [
    // CNRS's share of the same NMR, its serial typed its own way: 200,000.00 HT, 8 years from 2020-06-15.
    {
      id: 501,
      num_inventaire: 'DR06-2020-000501',
      code_unite: 'UMR 7565',
      libelle: 'Spectromètre RMN 600 MHz',
      marque: 'Bruker Biospin GmbH',
      modele: 'Avance NEO',
      num_serie: '500777',
      date_acquisition: '2020-06-15',
      montant_ht: 200_000,
      taux_tva: 20,
      duree_amortissement: 8,
      code_activite: 'PF-SPECTRO',
      etat: 'en service',
      maj: MAJ,
    },
    // 45,000.00 HT, 6 years from 2025-10-01.
    {
      id: 502,
      num_inventaire: 'DR06-2025-000502',
      code_unite: 'UMR 7565',
      libelle: 'Boîte à gants',
      marque: 'Jacomex',
      modele: null,
      num_serie: null,
      date_acquisition: '2025-10-01',
      montant_ht: 45_000,
      taux_tva: 20,
      duree_amortissement: 6,
      code_activite: 'PF-SPECTRO',
      etat: 'en service',
      maj: MAJ,
    },
  ],
  agent: [
    {
      id_agent: 60001,
      nom: 'GIRARD',
      prenom: 'Élise',
      statut: 'ITA',
      corps: 'IR',
      bap: 'B',
      code_unite: 'UMR 7565',
      quotite_pct: 100,
      date_entree: '2010-01-01',
      date_sortie: '2025-06-30',
      cout_annuel: 73_000,
      maj: MAJ,
    },
    {
      id_agent: 60002,
      nom: 'FAURE',
      prenom: 'Hugo',
      statut: 'ITA',
      corps: 'AI',
      bap: 'B',
      code_unite: 'UMR 7565',
      quotite_pct: 100,
      date_entree: '2022-09-01',
      date_sortie: null,
      cout_annuel: 54_750,
      maj: MAJ,
    },
  ],
  depense: [
    {
      id: 201,
      code_unite: 'UMR7565',
      code_activite: 'PF-SPECTRO',
      date_facture: '2025-04-01',
      nature: 'consommables',
      libelle: 'Solvants deutérés',
      montant_ht: 1_500,
      maj: MAJ,
    },
    {
      id: 202,
      code_unite: 'UMR7565',
      code_activite: 'PF-SPECTRO',
      date_facture: '2025-06-01',
      nature: 'maintenance',
      libelle: 'Sonde cryogénique',
      montant_ht: 4_500,
      maj: MAJ,
    },
    {
      id: 203,
      code_unite: 'UMR7565',
      code_activite: 'PF-SPECTRO',
      date_facture: '2025-08-01',
      nature: 'petit_equipement',
      libelle: 'Pompe à vide',
      montant_ht: 2_000,
      maj: MAJ,
    },
    {
      id: 204,
      code_unite: 'UMR7565',
      code_activite: 'PF-SPECTRO',
      date_facture: '2025-11-01',
      nature: 'fluides',
      libelle: 'Azote liquide',
      montant_ht: 800,
      maj: MAJ,
    },
  ],
};

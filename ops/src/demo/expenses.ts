import { isoOf, timestampOf } from './calendar';
import type { Instrument } from './instruments';
import { inraeUnitName, type PlatformPlan } from './platforms';
import { amountCell, cents, cut, dateCell, secondOfDay, shout, ttc } from './quirks';
import type { Rng } from './random';
import type { ChruDepense, CnrsDepense, InraeDepense, TutelleCode, UlDepense, Unit } from './types';

/*
 * Three years of running costs, booked by each tutelle on its cost centre of the platform: consumables
 * all year, a maintenance contract per big instrument its main funder pays yearly, fluids (cryogens where
 * magnets and cryo-microscopes need them), some credit notes. UL also books on units outside platforms.
 */

type Nature = 'consumables' | 'small_equipment' | 'maintenance' | 'fluids' | 'travel';

interface Expense {
  day: number;
  tutelle: TutelleCode;
  unit: Unit;
  platform: PlatformPlan | null;
  nature: Nature;
  label: string;
  /** HT, in cents; negative for a credit note. */
  cents: number;
}

const YEAR = 365;
const CRYOGENIC = new Set([
  'nmr-400',
  'nmr-600',
  'nmr-solid',
  'epr',
  'cryo-em',
  'cryo-em-200',
  'mri',
  'tem',
  'epma',
  'sims',
]);

const LABELS: Readonly<Record<Exclude<Nature, 'maintenance'>, readonly string[]>> = {
  consumables: [
    'Réactifs',
    'Consommables de laboratoire',
    'Gaz spéciaux',
    'Colonnes de chromatographie',
    'Cônes et embouts',
    'Solvants qualité HPLC',
    'Kits de préparation',
    'Pièces détachées',
    'Porte-échantillons',
  ],
  small_equipment: ['Petit matériel', 'Ordinateur de pilotage', 'Pompe à vide', 'Onduleur'],
  fluids: ['Électricité', 'Eau osmosée'],
  travel: ['Formation utilisateurs', 'Mission congrès'],
};

const UL_ACCOUNT: Readonly<Record<Nature, string>> = {
  consumables: '606300',
  small_equipment: '606300',
  maintenance: '615600',
  fluids: '606100',
  travel: '606300',
};
const CNRS_NATURE: Readonly<Record<Nature, CnrsDepense['nature']>> = {
  consumables: 'consommables',
  small_equipment: 'petit_equipement',
  maintenance: 'maintenance',
  fluids: 'fluides',
  travel: 'mission',
};
const INRAE_NATURE: Readonly<Record<Nature, string>> = {
  consumables: 'Consommables',
  small_equipment: 'Petit équipement',
  maintenance: 'Maintenance',
  fluids: 'Fluides',
  travel: 'Missions',
};
const CHRU_ACCOUNT: Readonly<Record<Nature, string>> = {
  consumables: '602260',
  small_equipment: '606800',
  maintenance: '615160',
  fluids: '606120',
  travel: '625100',
};

const inService = (i: Instrument, day: number) =>
  i.commissioned < day && (i.disposed == null || day < i.disposed);

/** One platform's expenses on one tutelle's cost centre, over the three years up to `asOf`. */
function platformExpenses(
  rng: Rng,
  platform: PlatformPlan,
  tutelle: TutelleCode,
  instruments: readonly Instrument[],
  asOf: number,
  out: Expense[],
): void {
  const unit = platform.units.find((u) => u.tutelles.includes(tutelle)) ?? platform.units[0]!;
  const from = asOf - 3 * YEAR + 1;
  const funded = instruments.filter((i) => i.shares.some((s) => s.tutelle === tutelle));
  const cryogenic = instruments.some((i) => CRYOGENIC.has(i.kind.key));
  const push = (day: number, nature: Nature, label: string, amount: number) => {
    out.push({ day, tutelle, unit, platform, nature, label, cents: amount });
    // Now and then a supplier credits back part of an invoice.
    if (amount > 0 && nature !== 'fluids' && rng.chance(0.025)) {
      const creditDay = Math.min(asOf, day + rng.int(10, 60));
      out.push({
        day: creditDay,
        tutelle,
        unit,
        platform,
        nature,
        label: `Avoir ${label}`,
        cents: -Math.round(amount * rng.float(0.1, 1)),
      });
    }
  };
  for (let year = 0; year < 3; year++) {
    const start = from + year * YEAR;
    const day = () => Math.min(asOf, start + rng.int(0, YEAR - 1));
    for (const instrument of funded) {
      // The main funder pays the yearly contract of a big instrument, once its warranty has run out.
      const contractDay = day();
      const big = instrument.shares[0]!.cents >= 100_000_00 && instrument.shares[0]!.tutelle === tutelle;
      if (big && inService(instrument, contractDay) && contractDay > instrument.commissioned + YEAR) {
        const label = `Contrat de maintenance ${instrument.maker.name} ${instrument.model}`;
        push(
          contractDay,
          'maintenance',
          label,
          Math.round(instrument.shares[0]!.cents * rng.float(0.04, 0.08)),
        );
      } else if (rng.chance(0.15)) {
        push(
          day(),
          'maintenance',
          `Intervention SAV ${instrument.kind.abbr}`,
          Math.round(rng.logUniform(300, 8000) * 100),
        );
      }
    }
    const consumables = Math.min(80, Math.round(rng.float(0.6, 1.4) * (4 + 1.5 * funded.length)));
    for (let n = 0; n < consumables; n++) {
      push(day(), 'consumables', rng.pick(LABELS.consumables), Math.round(rng.logUniform(60, 6000) * 100));
    }
    for (let n = cryogenic ? rng.int(6, 12) : rng.int(1, 3); n > 0; n--) {
      const label = cryogenic ? rng.pick(['Hélium liquide', 'Azote liquide']) : rng.pick(LABELS.fluids);
      push(
        day(),
        'fluids',
        label,
        Math.round(rng.logUniform(cryogenic ? 800 : 100, cryogenic ? 9000 : 2000) * 100),
      );
    }
    for (let n = rng.int(0, 2); n > 0; n--) {
      push(
        day(),
        'small_equipment',
        rng.pick(LABELS.small_equipment),
        Math.round(rng.logUniform(800, 5000) * 100),
      );
    }
    // UL has no travel account among platform expenses; the others book training and conferences there.
    if (tutelle !== 'UL' && rng.chance(0.5)) {
      push(day(), 'travel', rng.pick(LABELS.travel), Math.round(rng.logUniform(300, 2500) * 100));
    }
  }
}

export interface SiteExpenses {
  ul: UlDepense[];
  cnrs: CnrsDepense[];
  inrae: InraeDepense[];
  chru: ChruDepense[];
}

export function drawExpenses(
  rng: Rng,
  platforms: readonly PlatformPlan[],
  byPlatform: ReadonlyMap<PlatformPlan, readonly Instrument[]>,
  units: readonly Unit[],
  asOf: number,
  scale: number,
): SiteExpenses {
  const all: Expense[] = [];
  for (const platform of platforms) {
    for (const tutelle of platform.tutelles) {
      platformExpenses(rng, platform, tutelle, byPlatform.get(platform) ?? [], asOf, all);
    }
  }
  // UL units' own running costs, on no platform's cost centre.
  const ulUnits = units.filter((u) => u.tutelles.includes('UL'));
  for (let n = Math.round(1500 * scale); n > 0 && ulUnits.length > 0; n--) {
    const nature = rng.weighted([
      ['consumables', 8],
      ['fluids', 1],
      ['maintenance', 1],
    ] as const);
    const label = nature === 'maintenance' ? 'Intervention SAV' : rng.pick(LABELS[nature]);
    all.push({
      day: asOf - rng.int(0, 3 * YEAR - 1),
      tutelle: 'UL',
      unit: rng.pick(ulUnits),
      platform: null,
      nature,
      label,
      cents: Math.round(rng.logUniform(50, 5000) * 100),
    });
  }
  all.sort((x, y) => x.day - y.day);
  return {
    ul: ulRows(rng, all),
    cnrs: cnrsRows(rng, all, asOf),
    inrae: all.filter((e) => e.tutelle === 'INRAE').map((e) => inraeRow(rng, e)),
    chru: all.filter((e) => e.tutelle === 'CHRU').map(chruRow),
  };
}

function ulRows(rng: Rng, all: readonly Expense[]): UlDepense[] {
  const nextId = rng.sequence(rng.int(1_000_000, 2_000_000), 5);
  return all
    .filter((e) => e.tutelle === 'UL')
    .map((e) => ({
      id: nextId(),
      date_comptable: isoOf(e.day),
      centre_fin: `951${e.unit.code}`,
      centre_couts: e.platform?.costCentres.UL[0] ?? null,
      compte: UL_ACCOUNT[e.nature],
      libelle: cut(shout(e.label), 60),
      montant: ttc(e.cents),
    }));
}

function cnrsRows(rng: Rng, all: readonly Expense[], asOf: number): CnrsDepense[] {
  const nextId = rng.sequence(rng.int(500_000, 600_000), 5);
  return all
    .filter((e) => e.tutelle === 'CNRS')
    .map((e) => ({
      id: nextId(),
      code_unite: e.unit.code,
      code_activite: rng.chance(0.97) ? (e.platform?.costCentres.CNRS[0] ?? null) : null,
      date_facture: isoOf(e.day),
      nature: CNRS_NATURE[e.nature],
      libelle: e.label,
      montant_ht: cents(e.cents),
      maj: timestampOf(Math.min(asOf, e.day + rng.int(0, 20)), secondOfDay(rng)),
    }));
}

function inraeRow(rng: Rng, e: Expense): InraeDepense {
  return {
    Date: dateCell(rng, e.day),
    Unité: inraeUnitName(e.unit),
    'Code plateforme': rng.chance(0.95) ? (e.platform?.costCentres.INRAE[0] ?? null) : null,
    Nature: INRAE_NATURE[e.nature],
    Libellé: e.label,
    'Montant TTC (€)': amountCell(rng, ttc(e.cents)),
  };
}

function chruRow(e: Expense): ChruDepense {
  return {
    Date: isoOf(e.day),
    UF: e.platform?.costCentres.CHRU[0] ?? '',
    Compte: CHRU_ACCOUNT[e.nature],
    Libellé: shout(e.label),
    Montant: ttc(e.cents),
  };
}

import { isoOf, yearOf } from './calendar';
import { LAB_EQUIPMENT } from './catalog';
import { groupBy } from './collections';
import { type Instrument, shareCents } from './instruments';
import { CAMPUSES, type PlatformPlan } from './platforms';
import {
  cut,
  type DemoNoise,
  makerInDesignation,
  makerInText,
  shout,
  spell,
  ttc,
  typeSerial,
} from './quirks';
import type { Rng } from './random';
import type { UlImmobilisation, Unit } from './types';

/*
 * UL's SIFAC inventory (`sifac.immobilisation`): one asset per instrument UL co-funded, for its share,
 * TTC, with later additions as `sous_num` 1..n; and the assets of no platform beside (computers,
 * furniture, lab equipment), which the hub must leave out of platform figures.
 */

type Row = Omit<UlImmobilisation, 'num_immo' | 'num_inventaire'>;

interface Draft {
  day: number;
  /** The asset (`sous_num` 0) then its additions. */
  rows: Row[];
  tagged: boolean;
  instrument?: Instrument;
}

const SCIENTIFIC = '21540';
const COMPUTERS = '21830';
const FURNITURE = '21840';

const OFFICE_ASSETS: ReadonlyArray<{
  classe: string;
  designations: readonly string[];
  ttc: readonly [number, number];
  life: number;
  suppliers: readonly string[];
}> = [
  {
    classe: COMPUTERS,
    designations: [
      'PC PORTABLE DELL LATITUDE 5540',
      'STATION DE TRAVAIL HP Z4 G5',
      'SERVEUR DELL POWEREDGE R650',
      'IMAC 24 POUCES',
      'ECRAN INTERACTIF SAMSUNG FLIP 3',
      'STATION DE TRAVAIL LENOVO P620',
    ],
    ttc: [1000, 20000],
    life: 4,
    suppliers: [
      'DELL SAS',
      'HP FRANCE SAS',
      'APPLE DISTRIBUTION INTERNATIONAL',
      'SCC FRANCE',
      'INMAC WSTORE',
    ],
  },
  {
    classe: FURNITURE,
    designations: [
      'PAILLASSE CENTRALE',
      'ARMOIRE DE SECURITE',
      'MOBILIER SALLE DE REUNION',
      'RAYONNAGES MOBILES',
      'SIEGES AMPHITHEATRE',
    ],
    ttc: [1500, 40000],
    life: 10,
    suppliers: ['MANUTAN COLLECTIVITES', 'WALDNER LABOREINRICHTUNGEN', 'LABOMODERNE', 'BURO CONCEPT'],
  },
];

const DISTRIBUTORS = [
  'VWR INTERNATIONAL',
  'FISHER SCIENTIFIC',
  'DOMINIQUE DUTSCHER SAS',
  'SIGMA-ALDRICH CHIMIE',
];

/** `financement`: programmes of the year the asset was bought, or none recorded. */
function drawFunding(rng: Rng, year: number): string | null {
  const grantYear = String(year - rng.int(1, 3)).slice(2);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return rng.weighted<() => string | null>([
    [() => (year <= 2014 ? 'CPER 2007-2013' : year <= 2021 ? 'CPER 2015-2020' : 'CPER 2021-2027'), 25],
    [() => `ANR-${grantYear}-CE${pad(rng.int(1, 50), 2)}-${pad(rng.int(1, 40), 4)}`, 15],
    [() => 'FEDER', 10],
    [() => (year >= 2016 ? 'LUE' : 'FEDER'), 8],
    [() => 'FONDS PROPRES', 20],
    [() => 'REGION GRAND EST', 8],
    [() => null, 14],
  ])();
}

function drawLocation(rng: Rng, unit: Unit): string | null {
  if (rng.chance(0.3)) return null;
  const campus = rng.pick(CAMPUSES[unit.site] ?? ['Campus']);
  return cut(`${campus}, bât. ${'ABCDEFGH'[rng.int(0, 7)]}, salle ${rng.int(1, 3)}${rng.int(10, 60)}`, 40);
}

function instrumentDraft(
  rng: Rng,
  instrument: Instrument,
  others: readonly string[],
  noise: DemoNoise,
): Draft {
  const { kind, maker, model, platform } = instrument;
  const unit = platform.units.length > 1 && rng.chance(0.1) ? platform.units[1]! : platform.units[0]!;
  const centre = platform.costCentres.UL[0]!;
  const label = rng.chance(0.7) ? shout(kind.label) : kind.label;
  // The maker only in the designation, nothing in designation2: the connector must find it there.
  const makerInLabel = makerInDesignation(rng, noise);
  const designation = makerInLabel
    ? `${label} ${shout(makerInText(rng, maker))} ${model}`
    : rng.weighted([
        [label, 55],
        [`${label} ${model}`, 35],
        [`${kind.abbr} ${shout(maker.name)} ${model}`, 10],
      ] as const);
  const purchase = shareCents(instrument, 'UL') - instrument.upgrades.reduce((sum, u) => sum + u.cents, 0);
  const disposal = instrument.disposed == null ? null : isoOf(instrument.disposed);
  const location = drawLocation(rng, unit);
  const base = {
    societe: 'UL00',
    classe_immo: SCIENTIFIC,
    centre_fin: `951${unit.code}`,
    localisation: location,
    date_sortie: disposal,
  };
  const asset: Row = {
    ...base,
    sous_num: 0,
    designation: cut(designation, 50),
    designation2: makerInLabel
      ? null
      : rng.weighted<string | null>([
          [cut(`${spell(rng, maker)} ${model}`, 50), 55],
          [model, 15],
          [spell(rng, maker), 10],
          [null, 20],
        ]),
    num_serie: typeSerial(rng, instrument.serial, noise.serialMissing),
    date_mes: rng.chance(0.97) ? isoOf(instrument.commissioned) : null,
    valeur_acq: ttc(purchase),
    duree_amort: rng.chance(0.95) ? kind.lifeYears : null,
    centre_couts: centre,
    fournisseur: rng.chance(0.15) && kind.price[0] < 60 ? rng.pick(DISTRIBUTORS) : maker.supplier,
    financement: drawFunding(rng, yearOf(instrument.commissioned)),
  };
  // Additions are booked as their buyer saw fit: mostly on the platform, sometimes nowhere, sometimes on a
  // neighbouring platform of the same unit.
  const additions = instrument.upgrades.map(
    (upgrade, i): Row => ({
      ...base,
      sous_num: i + 1,
      designation: upgrade.label,
      designation2: rng.chance(0.5) ? spell(rng, maker) : null,
      num_serie: rng.chance(0.25) ? typeSerial(rng, `${maker.serialPrefix}${rng.int(10000, 99999)}`) : null,
      date_mes: isoOf(upgrade.day),
      valeur_acq: ttc(upgrade.cents),
      duree_amort: Math.min(kind.lifeYears, 5),
      centre_couts: rng.weighted<string | null>([
        [centre, 75],
        [null, 15],
        [others.length > 0 ? rng.pick(others) : null, 10],
      ]),
      fournisseur: maker.supplier,
      financement: rng.chance(0.6) ? 'FONDS PROPRES' : drawFunding(rng, yearOf(upgrade.day)),
    }),
  );
  return { day: instrument.commissioned, rows: [asset, ...additions], tagged: rng.chance(0.88), instrument };
}

/** A computer or a piece of furniture: no serial worth typing for furniture, a service tag for computers. */
function officeDraft(rng: Rng, unit: Unit, asOf: number): Draft {
  const office = rng.pick(OFFICE_ASSETS);
  const day = asOf - rng.int(30, office.life * 2 * 365);
  const isComputer = office.classe === COMPUTERS;
  const row: Row = {
    societe: 'UL00',
    sous_num: 0,
    classe_immo: office.classe,
    designation: rng.pick(office.designations),
    designation2: null,
    num_serie: isComputer ? typeSerial(rng, serviceTag(rng)) : null,
    date_mes: isoOf(day),
    valeur_acq: Math.round(rng.logUniform(office.ttc[0], office.ttc[1]) * 100) / 100,
    duree_amort: office.life,
    // Computers are often bought by the digital services directorate, not a unit.
    centre_fin: isComputer && rng.chance(0.2) ? '951DN' : `951${unit.code}`,
    centre_couts: null,
    localisation: drawLocation(rng, unit),
    fournisseur: rng.pick(office.suppliers),
    financement: rng.chance(0.8) ? 'FONDS PROPRES' : drawFunding(rng, yearOf(day)),
    date_sortie: rng.chance(isComputer ? 0.1 : 0.03) ? isoOf(rng.int(day + 1, asOf - 1)) : null,
  };
  return { day, rows: [row], tagged: rng.chance(0.7) };
}

/** A unit's own lab equipment: scientific class, but no platform cost centre. */
function labDraft(rng: Rng, unit: Unit, asOf: number): Draft {
  const lab = rng.pick(LAB_EQUIPMENT);
  const [maker, model] = rng.pick(lab.models);
  const day = asOf - rng.int(30, 16 * 365);
  const row: Row = {
    societe: 'UL00',
    sous_num: 0,
    classe_immo: SCIENTIFIC,
    designation: cut(shout(lab.label), 50),
    designation2: cut(`${shout(maker)} ${model}`, 50),
    num_serie: rng.chance(0.5) ? typeSerial(rng, serviceTag(rng)) : null,
    date_mes: isoOf(day),
    valeur_acq: ttc(Math.round(rng.logUniform(lab.price[0], lab.price[1]) * 100_000)),
    duree_amort: 8,
    centre_fin: `951${unit.code}`,
    centre_couts: null,
    localisation: drawLocation(rng, unit),
    fournisseur: rng.pick(DISTRIBUTORS),
    financement: rng.chance(0.7) ? 'FONDS PROPRES' : drawFunding(rng, yearOf(day)),
    date_sortie: rng.chance(0.04) ? isoOf(rng.int(day + 1, asOf - 1)) : null,
  };
  return { day, rows: [row], tagged: rng.chance(0.8) };
}

function serviceTag(rng: Rng): string {
  return Array.from({ length: 7 }, () => rng.pick([...'0123456789BCDFGHJKLMNPQRSTVWXZ'])).join('');
}

/**
 * Every UL asset, numbered in the order SIFAC would have created them (`num_immo` grows with time), rows
 * ordered by (num_immo, sous_num). Sets each instrument's `records.UL`.
 */
export function ulAssets(
  rng: Rng,
  instruments: readonly Instrument[],
  platforms: readonly PlatformPlan[],
  units: readonly Unit[],
  asOf: number,
  offPlatformCount: number,
  noise: DemoNoise,
): UlImmobilisation[] {
  const byHome = groupBy(platforms, (p) => p.units[0]!);
  const drafts = instruments
    .filter((i) => i.shares.some((s) => s.tutelle === 'UL'))
    .map((instrument) => {
      const neighbours = byHome.get(instrument.platform.units[0]!)!.filter((p) => p !== instrument.platform);
      return instrumentDraft(
        rng,
        instrument,
        neighbours.flatMap((p) => p.costCentres.UL),
        noise,
      );
    });
  const ulUnits = units.filter((u) => u.tutelles.includes('UL'));
  for (let i = 0; i < offPlatformCount && ulUnits.length > 0; i++) {
    const unit = rng.pick(ulUnits);
    drafts.push(rng.chance(0.7) ? officeDraft(rng, unit, asOf) : labDraft(rng, unit, asOf));
  }

  drafts.sort((x, y) => x.day - y.day);
  const rows: UlImmobilisation[] = [];
  const tags = new Map<number, number>();
  const nextNumber = rng.sequence(20_000_000 + rng.int(1000, 9000), 3);
  for (const draft of drafts) {
    const numImmo = String(nextNumber()).padStart(12, '0');
    const year = yearOf(draft.day);
    const tag = (tags.get(year) ?? 0) + 1;
    tags.set(year, tag);
    const inventory = draft.tagged ? `UL-${year}-${String(tag).padStart(6, '0')}` : null;
    draft.rows.forEach((row, i) => {
      rows.push({ ...row, num_immo: numImmo, num_inventaire: i === 0 ? inventory : null });
    });
    if (draft.instrument) draft.instrument.records.UL = { num_immo: numImmo };
  }
  return rows;
}

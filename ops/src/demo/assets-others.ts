import { isoOf, timestampOf, yearOf } from './calendar';
import { LAB_EQUIPMENT } from './catalog';
import { type Instrument, shareCents } from './instruments';
import { CLINICAL_SERVICES, inraeUnitName } from './platforms';
import {
  amountCell,
  cents,
  cut,
  type DemoNoise,
  dateCell,
  makerInDesignation,
  makerInText,
  recordedDay,
  secondOfDay,
  shout,
  spell,
  ttc,
  typeSerial,
} from './quirks';
import type { Rng } from './random';
import type { ChruEquipement, CnrsInventaire, InraeEquipement, TutelleCode, Unit } from './types';

/*
 * The other tutelles' inventories, in the neutral form of types.ts: CNRS `inventaire` (HT), INRAE sheet
 * `Equipements` (TTC), CHRU GMAO items (TTC). Each records its own share of the instruments it co-funded,
 * under its own numbering, plus equipment of no platform.
 */

const YEAR = 365;

/** What a record of a tutelle is made of, before the tutelle numbers it. */
interface Draft<Row> {
  day: number;
  make: (key: { seq: number; year: number; yearSeq: number }) => Row;
  instrument?: Instrument;
}

/** Numbers records in the order they were created: ids and inventory numbers grow with time. */
function numbered<Row>(
  rng: Rng,
  drafts: Array<Draft<Row>>,
  start: number,
  onKey: (instrument: Instrument, row: Row) => void,
): Row[] {
  drafts.sort((x, y) => x.day - y.day);
  const perYear = new Map<number, number>();
  const nextSeq = rng.sequence(start, 4);
  return drafts.map((draft) => {
    const seq = nextSeq();
    const year = yearOf(draft.day);
    const yearSeq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, yearSeq);
    const row = draft.make({ seq, year, yearSeq });
    if (draft.instrument) onKey(draft.instrument, row);
    return row;
  });
}

/** Each instrument's platform unit with this tutelle: the one its record names. */
function unitFor(instrument: Instrument, tutelle: TutelleCode): Unit {
  const units = instrument.platform.units;
  return units.find((u) => u.tutelles.includes(tutelle)) ?? units[0]!;
}

const funded = (instruments: readonly Instrument[], tutelle: TutelleCode) =>
  instruments.filter((i) => i.shares.some((s) => s.tutelle === tutelle));

/** The day a record last changed: its purchase, or its disposal. */
function lastChange(rng: Rng, instrument: Instrument, asOf: number): string {
  const from = instrument.disposed ?? instrument.commissioned;
  return timestampOf(rng.int(from, Math.max(from, asOf - 1)), secondOfDay(rng));
}

/** Libellé with the model where the model column is left empty. */
function labelAndModel(rng: Rng, instrument: Instrument): [label: string, model: string | null] {
  const model = rng.chance(0.8) ? instrument.model : null;
  return [model ? instrument.kind.label : `${instrument.kind.label} ${instrument.model}`, model];
}

/** Libellé and maker column: now and then the maker is left out of its column and typed in the libellé. */
function labelAndMaker(
  rng: Rng,
  instrument: Instrument,
  label: string,
  noise: DemoNoise,
  inColumn: () => string | null,
): [label: string, maker: string | null] {
  if (!makerInDesignation(rng, noise)) return [label, inColumn()];
  const maker = makerInText(rng, instrument.maker);
  const [kind, ...rest] = [instrument.kind.label, label.slice(instrument.kind.label.length).trim()];
  return [[kind, maker, ...rest].filter((part) => part !== '').join(' '), null];
}

/** The day a co-funder other than UL dates its record: `day`, or years away now and then (recordedDay). */
function dateOf(rng: Rng, instrument: Instrument, day: number, asOf: number, noise: DemoNoise): number {
  return recordedDay(rng, day, instrument.disposed ?? asOf, noise);
}

export function cnrsAssets(
  rng: Rng,
  instruments: readonly Instrument[],
  units: readonly Unit[],
  asOf: number,
  offPlatformCount: number,
  noise: DemoNoise,
): CnrsInventaire[] {
  const etat = { in_service: 'en service', broken: 'en panne', disposed: 'réformé' } as const;
  const drafts: Array<Draft<CnrsInventaire>> = funded(instruments, 'CNRS').map((instrument) => {
    const [label, modele] = labelAndModel(rng, instrument);
    const purchase = dateOf(rng, instrument, instrument.commissioned - rng.int(0, 60), asOf, noise);
    const [libelle, marque] = labelAndMaker(rng, instrument, label, noise, () =>
      rng.chance(0.9) ? spell(rng, instrument.maker) : null,
    );
    const row = {
      code_unite: unitFor(instrument, 'CNRS').code,
      libelle,
      marque,
      modele,
      num_serie: typeSerial(rng, instrument.serial, noise.serialMissing),
      date_acquisition: rng.chance(0.97) ? isoOf(purchase) : null,
      montant_ht: cents(shareCents(instrument, 'CNRS')),
      taux_tva: rng.chance(0.92) ? 20 : null,
      duree_amortissement: rng.chance(0.95) ? instrument.kind.lifeYears : null,
      // Now and then the activity code is forgotten: only the serial can then tie the record to its platform.
      code_activite: rng.chance(0.96) ? instrument.platform.costCentres.CNRS[0]! : null,
      etat: etat[instrument.status],
      maj: lastChange(rng, instrument, asOf),
    };
    return {
      day: purchase,
      instrument,
      make: ({ seq, year, yearSeq }) => ({
        id: seq,
        num_inventaire: `DR06-${year}-${pad(yearSeq, 6)}`,
        ...row,
      }),
    };
  });
  const cnrsUnits = units.filter((u) => u.tutelles.includes('CNRS'));
  for (let i = 0; i < offPlatformCount && cnrsUnits.length > 0; i++) {
    const { label, price, models, day, disposed } = labEquipment(rng, asOf);
    const [maker, model] = rng.pick(models);
    const row = {
      code_unite: rng.pick(cnrsUnits).code,
      libelle: label,
      marque: maker,
      modele: model,
      num_serie: rng.chance(0.5) ? typeSerial(rng, `${rng.int(100000, 999999)}`) : null,
      date_acquisition: isoOf(day),
      montant_ht: price,
      taux_tva: 20,
      duree_amortissement: 8,
      code_activite: null,
      etat: disposed ? ('réformé' as const) : ('en service' as const),
      maj: timestampOf(rng.int(day, asOf - 1), secondOfDay(rng)),
    };
    drafts.push({
      day,
      make: ({ seq, year, yearSeq }) => ({
        id: seq,
        num_inventaire: `DR06-${year}-${pad(yearSeq, 6)}`,
        ...row,
      }),
    });
  }
  return numbered(rng, drafts, rng.int(300, 900), (instrument, row) => {
    instrument.records.CNRS = { id: row.id, num_inventaire: row.num_inventaire };
  });
}

export function inraeAssets(
  rng: Rng,
  instruments: readonly Instrument[],
  units: readonly Unit[],
  asOf: number,
  offPlatformCount: number,
  noise: DemoNoise,
): InraeEquipement[] {
  const statut = { in_service: 'En service', broken: 'Hors service', disposed: 'Réformé' } as const;
  const number = ({ year, yearSeq }: { year: number; yearSeq: number }) =>
    `INRAE-54-${year}-${pad(yearSeq, 4)}`;
  const drafts: Array<Draft<InraeEquipement>> = funded(instruments, 'INRAE').map((instrument) => {
    const [typed, model] = labelAndModel(rng, instrument);
    const purchase = dateOf(rng, instrument, instrument.commissioned - rng.int(0, 60), asOf, noise);
    const [label, maker] = labelAndMaker(rng, instrument, typed, noise, () =>
      rng.chance(0.9) ? spell(rng, instrument.maker) : null,
    );
    const cells = {
      Centre: 'Grand Est-Nancy',
      Unité: inraeUnitName(unitFor(instrument, 'INRAE')),
      Libellé: label,
      Fabricant: maker,
      Modèle: model,
      'N° série': typeSerial(rng, instrument.serial, noise.serialMissing),
      "Date d'achat": dateCell(rng, purchase),
      "Prix d'achat TTC (€)": amountCell(rng, ttc(shareCents(instrument, 'INRAE'))),
      'Durée amortissement (ans)': rng.chance(0.9) ? instrument.kind.lifeYears : null,
      'Code plateforme': rng.chance(0.95) ? instrument.platform.costCentres.INRAE[0]! : null,
      Statut: statut[instrument.status],
    };
    return { day: purchase, instrument, make: (key) => ({ 'N° inventaire': number(key), ...cells }) };
  });
  const inraeUnits = units.filter((u) => u.tutelles.includes('INRAE'));
  for (let i = 0; i < offPlatformCount && inraeUnits.length > 0; i++) {
    const { label, price, models, day, disposed } = labEquipment(rng, asOf);
    const [maker, model] = rng.pick(models);
    const cells = {
      Centre: 'Grand Est-Nancy',
      Unité: inraeUnitName(rng.pick(inraeUnits)),
      Libellé: label,
      Fabricant: maker,
      Modèle: model,
      'N° série': null,
      "Date d'achat": dateCell(rng, day),
      "Prix d'achat TTC (€)": amountCell(rng, Math.round(price * 120) / 100),
      'Durée amortissement (ans)': 8,
      'Code plateforme': null,
      Statut: disposed ? 'Réformé' : 'En service',
    };
    drafts.push({ day, make: (key) => ({ 'N° inventaire': number(key), ...cells }) });
  }
  return numbered(rng, drafts, 0, (instrument, row) => {
    instrument.records.INRAE = { 'N° inventaire': String(row['N° inventaire']) };
  });
}

/** The hospital's own biomedical equipment, in clinical services: most of what the GMAO holds. */
const BIOMEDICAL: ReadonlyArray<{ label: string; price: [number, number]; models: Array<[string, string]> }> =
  [
    {
      label: 'Échographe',
      price: [30, 150],
      models: [
        ['GE Healthcare', 'LOGIQ E10'],
        ['Philips', 'EPIQ Elite'],
      ],
    },
    {
      label: 'Moniteur multiparamétrique',
      price: [5, 20],
      models: [
        ['Philips', 'IntelliVue MX550'],
        ['Dräger', 'Infinity M540'],
      ],
    },
    {
      label: 'Pousse-seringue',
      price: [1, 3],
      models: [
        ['B. Braun', 'Perfusor Space'],
        ['Fresenius Kabi', 'Agilia SP'],
      ],
    },
    {
      label: 'Analyseur de biochimie',
      price: [100, 400],
      models: [
        ['Roche', 'cobas pro'],
        ['Abbott', 'Alinity c'],
      ],
    },
    {
      label: 'Respirateur de réanimation',
      price: [20, 50],
      models: [
        ['Dräger', 'Evita V800'],
        ['Hamilton Medical', 'Hamilton-C6'],
      ],
    },
  ];

export function chruAssets(
  rng: Rng,
  instruments: readonly Instrument[],
  asOf: number,
  offPlatformCount: number,
  noise: DemoNoise,
): ChruEquipement[] {
  const etat = { in_service: 'EN_SERVICE', broken: 'EN_PANNE', disposed: 'REFORME' } as const;
  const drafts: Array<Draft<ChruEquipement>> = funded(instruments, 'CHRU').map((instrument) => {
    const [libelle, marque] = labelAndMaker(rng, instrument, instrument.kind.label, noise, () =>
      spell(rng, instrument.maker),
    );
    const commissioned = dateOf(rng, instrument, instrument.commissioned, asOf, noise);
    const item = {
      libelle,
      marque,
      modele: rng.chance(0.9) ? instrument.model : null,
      numeroSerie: typeSerial(rng, instrument.serial, noise.serialMissing),
      dateMiseEnService: rng.chance(0.97) ? isoOf(commissioned) : null,
      valeurAchat: {
        montant: ttc(shareCents(instrument, 'CHRU')),
        devise: 'EUR' as const,
        ttc: true as const,
      },
      dureeAmortissement: instrument.kind.lifeYears,
      uf: instrument.platform.costCentres.CHRU[0]!,
      service: cut(shout(instrument.platform.name), 60),
      etat: etat[instrument.status],
    };
    return {
      day: commissioned,
      instrument,
      make: ({ seq }) => ({ id: `GMAO-${pad(seq, 6)}`, ...item }),
    };
  });
  for (let i = 0; i < offPlatformCount; i++) {
    const device = rng.pick(BIOMEDICAL);
    const [maker, model] = rng.pick(device.models);
    const [uf, service] = rng.pick(CLINICAL_SERVICES);
    const day = asOf - rng.int(30, 12 * YEAR);
    const item = {
      libelle: device.label,
      marque: maker,
      modele: model,
      numeroSerie: typeSerial(rng, `${rng.int(1000000, 9999999)}`),
      dateMiseEnService: isoOf(day),
      valeurAchat: {
        montant: Math.round(rng.logUniform(device.price[0], device.price[1]) * 120_000) / 100,
        devise: 'EUR' as const,
        ttc: true as const,
      },
      dureeAmortissement: 7,
      uf,
      service,
      etat: rng.chance(0.05) ? ('REFORME' as const) : ('EN_SERVICE' as const),
    };
    drafts.push({ day, make: ({ seq }) => ({ id: `GMAO-${pad(seq, 6)}`, ...item }) });
  }
  return numbered(rng, drafts, rng.int(1000, 5000), (instrument, row) => {
    instrument.records.CHRU = { id: row.id };
  });
}

/** A unit's lab equipment outside platforms: price HT in euros, bought on `day`, maybe since disposed. */
function labEquipment(rng: Rng, asOf: number) {
  const lab = rng.pick(LAB_EQUIPMENT);
  return {
    ...lab,
    price: Math.round(rng.logUniform(lab.price[0], lab.price[1]) * 100_000) / 100,
    day: asOf - rng.int(30, 16 * YEAR),
    disposed: rng.chance(0.04),
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

import { isoOf, timestampOf } from './calendar';
import { groupBy } from './collections';
import type { Instrument } from './instruments';
import { drawName, emailLocalPart, type PersonName } from './names';
import { CLINICAL_SERVICES, inraeUnitName, type PlatformPlan, TUTELLES } from './platforms';
import { amountCell, dateCell, secondOfDay } from './quirks';
import type { Rng } from './random';
import type {
  ChruPersonnel,
  CnrsAgent,
  InraeAgent,
  RegistryPlatform,
  TutelleCode,
  UlAffectation,
  UlAgent,
  Unit,
} from './types';

/*
 * Platform staff and each tutelle's HR rows for them. On the real site ~400 people run the platforms and
 * UL alone pays ~161 support staff; every HR source also holds people of no platform, whom the hub must
 * not count.
 */

const YEAR = 365;

/** Grades, how common each is, and its loaded full-time yearly cost range in k€. */
type Grades = ReadonlyArray<readonly [grade: string, weight: number, cost: readonly [number, number]]>;

const GRADES: Readonly<Record<TutelleCode, { support: Grades; research: Grades }>> = {
  UL: {
    support: [
      ['IGR', 25, [78, 90]],
      ['IGE', 42, [64, 82]],
      ['ASI', 13, [54, 68]],
      ['TCH', 14, [46, 58]],
      ['ATRF', 6, [38, 48]],
    ],
    research: [
      ['MCF', 60, [58, 75]],
      ['PR', 40, [75, 90]],
    ],
  },
  CNRS: {
    support: [
      ['IR', 25, [72, 90]],
      ['IE', 40, [60, 78]],
      ['AI', 17, [50, 64]],
      ['T', 13, [42, 54]],
      ['AJT', 5, [36, 45]],
    ],
    research: [
      ['CR', 50, [62, 78]],
      ['DR', 50, [78, 90]],
    ],
  },
  INRAE: {
    support: [
      ['IR', 20, [72, 90]],
      ['IE', 35, [60, 78]],
      ['AI', 20, [50, 64]],
      ['TR', 20, [42, 54]],
      ['AT', 5, [36, 45]],
    ],
    research: [
      ['CR', 50, [62, 78]],
      ['DR', 50, [78, 90]],
    ],
  },
  CHRU: {
    support: [
      ['Ingénieur hospitalier', 30, [60, 80]],
      ['Technicien de laboratoire médical', 35, [42, 55]],
      ['Technicien supérieur hospitalier', 15, [45, 58]],
      ['Attaché de recherche clinique', 20, [40, 52]],
    ],
    research: [['Praticien hospitalier', 100, [95, 130]]],
  },
};

/** People per tutelle at scale 1: on platforms (support staff, then scientific leads), and in no platform. */
const HEADCOUNT: Readonly<Record<TutelleCode, { support: number; research: number; elsewhere: number }>> = {
  UL: { support: 161, research: 20, elsewhere: 150 },
  CNRS: { support: 115, research: 12, elsewhere: 60 },
  INRAE: { support: 45, research: 5, elsewhere: 25 },
  CHRU: { support: 40, research: 5, elsewhere: 40 },
};

/** Job families of units' own support staff: biology, chemistry, instrumentation, IT, administration. */
const UNIT_BAP = ['A', 'B', 'C', 'E', 'J'];

const EMAIL_DOMAIN: Readonly<Record<TutelleCode, string>> = {
  UL: 'univ-lorraine.fr',
  CNRS: 'cnrs.fr',
  INRAE: 'inrae.fr',
  CHRU: 'chru-nancy.fr',
};

export interface Person {
  tutelle: TutelleCode;
  id: string;
  name: PersonName;
  grade: string;
  support: boolean;
  /** Job family, for support staff of the research tutelles. */
  bap: string | null;
  quotite: number;
  start: number;
  end: number | null;
  /** Loaded yearly cost for the time worked, euros. */
  cost: number;
  /** Institutional address on file: UL's HR holds it (a few are missing); the others' do not. */
  email: string | null;
  /** The research unit the person is assigned to. */
  unit: Unit;
  /** CHRU only: the functional unit (UF) paying the person, their platform's for platform staff. */
  uf: string | null;
  serves: Array<{ platform: PlatformPlan; share: number }>;
}

/** Ids as each tutelle's HR system gives them, increasing with hiring order. */
function idMaker(rng: Rng, tutelle: TutelleCode): () => string {
  const formats: Record<TutelleCode, { start: number; step: number; width: number }> = {
    UL: { start: rng.int(100_000, 150_000), step: 37, width: 8 },
    CNRS: { start: rng.int(40_000, 41_000), step: 9, width: 0 },
    INRAE: { start: rng.int(1_200_000, 1_300_000), step: 50, width: 7 },
    CHRU: { start: rng.int(200_000, 210_000), step: 20, width: 6 },
  };
  const { start, step, width } = formats[tutelle];
  const next = rng.sequence(start, step);
  return () => String(next()).padStart(width, '0');
}

const roundTo5 = (share: number) => Math.max(0.05, Math.round(share * 20) / 20);

function unitOf(platform: PlatformPlan, tutelle: TutelleCode): Unit {
  return platform.units.find((u) => u.tutelles.includes(tutelle)) ?? platform.units[0]!;
}

function drawPerson(
  rng: Rng,
  tutelle: TutelleCode,
  support: boolean,
  id: string,
  unit: Unit,
  asOf: number,
  bap: readonly string[],
): Person {
  const [grade, , cost] = rng.weighted(
    GRADES[tutelle][support ? 'support' : 'research'].map((g) => [g, g[1]] as const),
  );
  const quotite = rng.weighted([
    [100, 80],
    [90, 4],
    [80, 10],
    [60, 2],
    [50, 4],
  ] as const);
  // Some support staff are on fixed-term contracts: an end date ahead.
  const fixedTerm = support && rng.chance(0.07);
  return {
    tutelle,
    id,
    name: drawName(rng),
    grade,
    support,
    bap: support && tutelle !== 'CHRU' ? rng.pick(bap) : null,
    quotite,
    start: asOf - rng.int(60, (fixedTerm ? 3 : 30) * YEAR),
    end: fixedTerm ? asOf + rng.int(30, 2 * YEAR) : null,
    cost: Math.round(rng.float(cost[0], cost[1]) * 1000 * quotite) / 100,
    email: null,
    unit,
    uf: null,
    serves: [],
  };
}

/**
 * Platform staff: every platform gets one support person from its first tutelle that has some left, the
 * rest go to bigger platforms more often; a tenth share their time with a second platform of their unit.
 */
export function drawStaff(
  rng: Rng,
  platforms: readonly PlatformPlan[],
  byPlatform: ReadonlyMap<PlatformPlan, readonly Instrument[]>,
  units: readonly Unit[],
  scale: number,
  asOf: number,
): Person[] {
  const byHome = groupBy(platforms, (p) => p.units[0]!);
  const ids = Object.fromEntries(TUTELLES.map((t) => [t, idMaker(rng.fork(`ids-${t}`), t)])) as Record<
    TutelleCode,
    () => string
  >;
  const persons: Person[] = [];
  const left = Object.fromEntries(
    TUTELLES.map((t) => [t, Math.round(HEADCOUNT[t].support * scale)]),
  ) as Record<TutelleCode, number>;

  const hire = (tutelle: TutelleCode, platform: PlatformPlan, support: boolean) => {
    const person = drawPerson(
      rng,
      tutelle,
      support,
      ids[tutelle](),
      unitOf(platform, tutelle),
      asOf,
      platform.archetype.bap,
    );
    if (tutelle === 'CHRU') person.uf = platform.costCentres.CHRU[0] ?? null;
    const total = support
      ? rng.weighted([
          [1, 45],
          [0.8, 15],
          [0.6, 10],
          [0.5, 20],
          [0.3, 10],
        ] as const)
      : rng.float(0.1, 0.3);
    const neighbours = byHome
      .get(platform.units[0]!)!
      .filter((p) => p !== platform && p.tutelles.includes(tutelle));
    if (support && neighbours.length > 0 && rng.chance(0.1)) {
      const second = roundTo5(total * rng.float(0.2, 0.5));
      person.serves.push(
        { platform, share: roundTo5(Math.max(0.05, total - second)) },
        { platform: rng.pick(neighbours), share: second },
      );
    } else {
      person.serves.push({ platform, share: roundTo5(total) });
    }
    persons.push(person);
  };

  for (const platform of platforms) {
    const lead = platform.tutelles.find((t) => left[t] > 0);
    if (lead) {
      hire(lead, platform, true);
      left[lead]--;
    }
  }
  for (const tutelle of TUTELLES) {
    const eligible = platforms.filter((p) => p.tutelles.includes(tutelle));
    if (eligible.length === 0) continue;
    const weights = eligible.map((p) => [p, (byPlatform.get(p)?.length ?? 0) + 2] as const);
    for (; left[tutelle] > 0; left[tutelle]--) hire(tutelle, rng.weighted(weights), true);
    // Scientific leads: a researcher or professor gives a slice of their time, one per platform at most.
    const leads = Math.min(eligible.length, Math.round(HEADCOUNT[tutelle].research * scale));
    for (const platform of rng.sample(eligible, leads)) hire(tutelle, platform, false);
  }
  // Everyone else in the HR sources: the units' own staff and researchers.
  for (const tutelle of TUTELLES) {
    const own = units.filter((u) => u.tutelles.includes(tutelle));
    for (let n = Math.round(HEADCOUNT[tutelle].elsewhere * scale); n > 0 && own.length > 0; n--) {
      const person = drawPerson(rng, tutelle, rng.chance(0.4), ids[tutelle](), rng.pick(own), asOf, UNIT_BAP);
      if (tutelle === 'CHRU') person.uf = rng.pick(CLINICAL_SERVICES)[0];
      persons.push(person);
    }
  }
  assignEmails(rng, persons);
  return persons;
}

type PlatformPeople = Pick<RegistryPlatform, 'staff' | 'contact'>;

/**
 * Registry `staff` and `contact` of each platform, from the people who serve it. The contact is the
 * support person who gives the platform the most time; a platform nobody is paid for still has someone
 * to write to.
 */
export function registryStaff(
  rng: Rng,
  persons: readonly Person[],
  platforms: readonly PlatformPlan[],
): Map<PlatformPlan, PlatformPeople> {
  const served = new Map<PlatformPlan, Array<{ person: Person; share: number }>>(
    platforms.map((p) => [p, []]),
  );
  for (const person of persons) {
    for (const { platform, share } of person.serves) served.get(platform)!.push({ person, share });
  }
  const contactOf = (person: { name: PersonName; email: string | null; tutelle: TutelleCode }) => ({
    name: `${person.name.first} ${person.name.last}`,
    email: person.email ?? `${emailLocalPart(person.name)}@${EMAIL_DOMAIN[person.tutelle]}`,
  });
  return new Map(
    [...served].map(([platform, people]) => {
      const head = [...people].sort(
        (x, y) => Number(y.person.support) - Number(x.person.support) || y.share - x.share,
      )[0];
      return [
        platform,
        {
          staff: people.map(({ person, share }) => ({ tutelle: person.tutelle, id: person.id, share })),
          contact: contactOf(
            head?.person ?? { name: drawName(rng), email: null, tutelle: platform.tutelles[0]! },
          ),
        },
      ];
    }),
  );
}

/** prenom.nom@univ-lorraine.fr, numbered when a homonym already has it; a few UL agents have none on file. */
function assignEmails(rng: Rng, persons: readonly Person[]): void {
  const taken = new Set<string>();
  for (const person of persons) {
    if (person.tutelle !== 'UL' || rng.chance(0.05)) continue;
    const local = emailLocalPart(person.name);
    let email = `${local}@univ-lorraine.fr`;
    for (let n = 2; taken.has(email); n++) email = `${local}${n}@univ-lorraine.fr`;
    taken.add(email);
    person.email = email;
  }
}

/** SIHAM: one agent row per person, the current assignment, and for some a past one. */
export function ulHr(
  rng: Rng,
  persons: readonly Person[],
  units: readonly Unit[],
): { agent: UlAgent[]; affectation: UlAffectation[] } {
  const ulUnits = units.filter((u) => u.tutelles.includes('UL'));
  const agent: UlAgent[] = [];
  const affectation: UlAffectation[] = [];
  for (const person of persons.filter((p) => p.tutelle === 'UL').sort((x, y) => x.id.localeCompare(y.id))) {
    agent.push({
      matricule: person.id,
      nom: person.name.last.toUpperCase(),
      prenom: person.name.first,
      corps: person.grade,
      bap: person.bap,
      email: person.email,
    });
    if (rng.chance(0.3)) {
      // Before this assignment: another unit, or the same at another quotité.
      const since = person.start - rng.int(YEAR, 10 * YEAR);
      affectation.push({
        matricule: person.id,
        structure: rng.chance(0.5) ? rng.pick(ulUnits).code : person.unit.code,
        quotite: 100,
        date_debut: isoOf(since),
        date_fin: isoOf(person.start - 1),
        cout_annuel_charge: Math.round((person.cost * 9000) / person.quotite) / 100,
      });
    }
    affectation.push({
      matricule: person.id,
      structure: person.unit.code,
      quotite: person.quotite,
      date_debut: isoOf(person.start),
      date_fin: person.end == null ? null : isoOf(person.end),
      cout_annuel_charge: person.cost,
    });
  }
  return { agent, affectation };
}

export function cnrsHr(rng: Rng, persons: readonly Person[], asOf: number): CnrsAgent[] {
  return persons
    .filter((p) => p.tutelle === 'CNRS')
    .map((p) => ({
      id_agent: Number(p.id),
      nom: p.name.last.toUpperCase(),
      prenom: p.name.first,
      statut: !p.support ? 'chercheur' : p.end != null ? 'CDD' : 'ITA',
      corps: p.grade,
      bap: p.bap,
      code_unite: p.unit.code,
      quotite_pct: p.quotite,
      date_entree: isoOf(p.start),
      date_sortie: p.end == null ? null : isoOf(p.end),
      cout_annuel: p.cost,
      maj: timestampOf(rng.int(p.start, asOf - 1), secondOfDay(rng)),
    }));
}

export function inraeHr(rng: Rng, persons: readonly Person[]): InraeAgent[] {
  return persons
    .filter((p) => p.tutelle === 'INRAE')
    .map((p) => ({
      Matricule: p.id,
      Nom: p.name.last.toUpperCase(),
      Prénom: p.name.first,
      Corps: p.grade,
      Unité: inraeUnitName(p.unit),
      'Quotité (%)': p.quotite,
      'Date début': dateCell(rng, p.start),
      'Date fin': dateCell(rng, p.end),
      'Coût chargé annuel (€)': amountCell(rng, p.cost),
    }));
}

export function chruHr(persons: readonly Person[]): ChruPersonnel[] {
  return persons
    .filter((p) => p.tutelle === 'CHRU')
    .map((p) => ({
      Matricule: p.id,
      Nom: p.name.last.toUpperCase(),
      Prénom: p.name.first,
      Grade: p.grade,
      UF: p.uf ?? '',
      Quotité: p.quotite,
      'Date entrée': isoOf(p.start),
      'Date sortie': p.end == null ? null : isoOf(p.end),
      'Coût annuel chargé': p.cost,
    }));
}

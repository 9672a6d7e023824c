import { addMonths, isoOf } from './calendar';
import { ARCHETYPES, type Archetype, type Domain } from './catalog';
import { groupBy } from './collections';
import type { Rng } from './random';
import type { RegistryPlatform, TutelleCode, Unit } from './types';

/*
 * The site's research units and their platforms: who the tutelles of each are, what each platform is
 * called, and its cost centre in each tutelle's books.
 */

export const TUTELLES: readonly TutelleCode[] = ['UL', 'CNRS', 'INRAE', 'CHRU'];

/** The hospital's clinical services and their functional units (UF): most of its staff and equipment. */
export const CLINICAL_SERVICES: ReadonlyArray<[uf: string, service: string]> = [
  ['1204', 'LABO BIOCHIMIE'],
  ['1310', 'REANIMATION MEDICALE'],
  ['1422', 'CARDIOLOGIE'],
  ['1530', 'IMAGERIE MEDICALE'],
  ['1611', 'BLOC OPERATOIRE CENTRAL'],
  ['1705', 'URGENCES ADULTES'],
];

/** How a platform's name says where it is. */
const SITE_NAMES: Readonly<Record<string, string>> = {
  NANCY: 'de Nancy',
  ARTEM: 'du campus Artem',
  BRABOIS: 'de Brabois',
  VANDOEUVRE: 'de Vandœuvre',
  METZ: 'de Metz',
  CHAMPENOUX: 'de Champenoux',
  EPINAL: 'd’Épinal',
};

/** Campuses of each site: a platform code may end with the site, a UL asset is located on a campus. */
export const CAMPUSES: Readonly<Record<string, readonly string[]>> = {
  NANCY: ['Campus Aiguillettes', 'Faculté des Sciences et Technologies', 'Campus Lettres'],
  ARTEM: ['Campus Artem'],
  BRABOIS: ['Campus Brabois Santé', 'Faculté de Médecine', 'Hôpital de Brabois'],
  VANDOEUVRE: ['Campus Brabois Ingénierie', 'ENSAIA', 'ENSIC'],
  METZ: ['Campus Bridoux', 'Campus Saulcy', 'Technopôle Metz'],
  CHAMPENOUX: ['Centre INRAE de Champenoux'],
  EPINAL: ['Campus Fibres Épinal'],
};

// Units as they exist on the site; more are made up when the scale asks for more.
const KNOWN_UNITS: ReadonlyArray<
  [code: string, acronym: string, tutelles: TutelleCode[], Domain, site: string]
> = [
  ['UMR7198', 'IJL', ['UL', 'CNRS'], 'materials', 'ARTEM'],
  ['UMS2008', 'IBSLOR', ['UL', 'CNRS', 'CHRU'], 'life', 'BRABOIS'],
  ['UMR7036', 'CRM2', ['UL', 'CNRS'], 'chemistry', 'NANCY'],
  ['UMR1136', 'IAM', ['UL', 'INRAE'], 'environment', 'CHAMPENOUX'],
  ['UMR7359', 'GEORESSOURCES', ['UL', 'CNRS'], 'geosciences', 'NANCY'],
  ['UMR7365', 'IMOPA', ['UL', 'CNRS'], 'life', 'BRABOIS'],
  ['UMR7239', 'LEM3', ['UL', 'CNRS'], 'materials', 'METZ'],
  ['UMR7274', 'LRGP', ['UL', 'CNRS'], 'chemistry', 'NANCY'],
  ['UMR7053', 'L2CM', ['UL', 'CNRS'], 'chemistry', 'NANCY'],
  ['UMR7564', 'LCPME', ['UL', 'CNRS'], 'chemistry', 'VANDOEUVRE'],
  ['UMR7358', 'CRPG', ['UL', 'CNRS'], 'geosciences', 'VANDOEUVRE'],
  ['UMR7360', 'LIEC', ['UL', 'CNRS'], 'environment', 'METZ'],
  ['UMR7503', 'LORIA', ['UL', 'CNRS'], 'computing', 'NANCY'],
  ['UMR7039', 'CRAN', ['UL', 'CNRS'], 'computing', 'VANDOEUVRE'],
  ['UMR7563', 'LEMTA', ['UL', 'CNRS'], 'materials', 'VANDOEUVRE'],
  ['UMR1121', 'LAE', ['UL', 'INRAE'], 'environment', 'VANDOEUVRE'],
  ['UMR1434', 'SILVA', ['UL', 'INRAE'], 'environment', 'CHAMPENOUX'],
  ['UR1138', 'BEF', ['INRAE'], 'environment', 'CHAMPENOUX'],
  ['UMR1256', 'NGERE', ['UL', 'CHRU'], 'life', 'BRABOIS'],
  ['UMR1116', 'DCAC', ['UL', 'CHRU'], 'life', 'BRABOIS'],
  ['UMR1254', 'IADI', ['UL', 'CHRU'], 'life', 'BRABOIS'],
  ['UMR1319', 'INSPIIRE', ['UL', 'CHRU'], 'life', 'BRABOIS'],
  ['UR7300', 'SIMPA', ['UL'], 'life', 'BRABOIS'],
  ['UR7301', 'LCPA2MC', ['UL'], 'chemistry', 'METZ'],
  ['UR3450', 'DEVAH', ['UL', 'CHRU'], 'life', 'BRABOIS'],
  ['UR4360', 'APEMAC', ['UL', 'CHRU'], 'life', 'BRABOIS'],
];

/** Kinds of made-up unit: type, number range, tutelles, likely domains, and how common each is. */
const UNIT_KINDS: ReadonlyArray<{
  type: string;
  numbers: [number, number];
  tutelles: TutelleCode[];
  domains: Array<[Domain, number]>;
  weight: number;
}> = [
  {
    type: 'UMR',
    numbers: [7000, 7999],
    tutelles: ['UL', 'CNRS'],
    domains: [
      ['materials', 3],
      ['chemistry', 3],
      ['geosciences', 1],
      ['computing', 1.5],
      ['life', 1],
      ['environment', 1],
    ],
    weight: 35,
  },
  {
    type: 'UMR',
    numbers: [1000, 1199],
    tutelles: ['UL', 'INRAE'],
    domains: [
      ['environment', 3],
      ['life', 1],
    ],
    weight: 10,
  },
  { type: 'UMR', numbers: [1200, 1499], tutelles: ['UL', 'CHRU'], domains: [['life', 1]], weight: 15 },
  {
    type: 'UR',
    numbers: [3000, 4999],
    tutelles: ['UL'],
    domains: [
      ['life', 2],
      ['chemistry', 1],
      ['materials', 1],
      ['computing', 1],
      ['environment', 1],
    ],
    weight: 28,
  },
  {
    type: 'UAR',
    numbers: [2000, 2999],
    tutelles: ['UL', 'CNRS'],
    domains: [
      ['life', 2],
      ['materials', 1],
      ['computing', 1],
    ],
    weight: 7,
  },
  { type: 'UR', numbers: [5000, 5999], tutelles: ['INRAE'], domains: [['environment', 1]], weight: 5 },
];

/** Letters a made-up unit's acronym is built from: a kind of structure, then its field. */
const ACRONYM_START = ['L', 'LR', 'I', 'IR', 'C', 'CR', 'G', 'U', 'E'];
const ACRONYM_FIELD: Readonly<Record<Domain, readonly string[]>> = {
  materials: ['M', 'MAT', 'P', 'SM', 'EM', 'NM', 'PM'],
  chemistry: ['C', 'CM', 'CP', 'CO', 'SC', 'PC', 'MC'],
  life: ['B', 'BM', 'GI', 'IM', 'N', 'BIO', 'CV'],
  environment: ['E', 'EN', 'ES', 'F', 'V', 'ENV', 'SA'],
  geosciences: ['G', 'GR', 'GEO', 'T', 'ST'],
  computing: ['I', 'IS', 'A', 'N', 'SI', 'RI'],
};
const ACRONYM_END = ['', '', 'A', 'E', 'S', 'L', '2', '3'];

/** Where units of a field are: life sciences by the hospital, forests at Champenoux. */
const SITES_BY_DOMAIN: Readonly<Record<Domain, readonly string[]>> = {
  materials: ['ARTEM', 'NANCY', 'METZ', 'VANDOEUVRE', 'EPINAL'],
  chemistry: ['NANCY', 'VANDOEUVRE', 'METZ'],
  life: ['BRABOIS', 'BRABOIS', 'NANCY', 'METZ'],
  environment: ['CHAMPENOUX', 'VANDOEUVRE', 'METZ', 'EPINAL'],
  geosciences: ['VANDOEUVRE', 'NANCY'],
  computing: ['NANCY', 'VANDOEUVRE', 'METZ'],
};

/** 'LCPM', 'IRBM2': unique; a number tells apart the made-up units that would share one. */
function drawAcronym(rng: Rng, domain: Domain, used: Set<string>): string {
  const draw = () => rng.pick(ACRONYM_START) + rng.pick(ACRONYM_FIELD[domain]) + rng.pick(ACRONYM_END);
  let acronym = draw();
  for (let tries = 0; used.has(acronym) && tries < 10; tries++) acronym = draw();
  for (let n = 2; used.has(acronym); n++) acronym = `${draw()}${n}`;
  used.add(acronym);
  return acronym;
}

function makeUnits(rng: Rng, count: number): Unit[] {
  const units: Unit[] = KNOWN_UNITS.slice(0, count).map(([code, acronym, tutelles, domain, site]) => ({
    code,
    acronym,
    // Copies: a caller may change the site it is given, not the next one.
    tutelles: [...tutelles],
    domain,
    site,
  }));
  const usedNumbers = new Set(units.map((u) => u.code.replace(/\D/g, '')));
  const usedAcronyms = new Set(units.map((u) => u.acronym));
  const kinds = UNIT_KINDS.map((kind) => [kind, kind.weight] as const);
  while (units.length < count) {
    const kind = rng.weighted(kinds);
    // A unit's number is unique across types ('UR 7198' and 'UMR7198' are the same unit); once a range
    // is crowded, five-digit numbers take over.
    let number = rng.int(...kind.numbers);
    for (let tries = 0; usedNumbers.has(String(number)); tries++) {
      number = tries < 20 ? rng.int(...kind.numbers) : rng.int(10000, 99999);
    }
    usedNumbers.add(String(number));
    const domain = rng.weighted(kind.domains);
    units.push({
      code: `${kind.type}${number}`,
      acronym: drawAcronym(rng, domain, usedAcronyms),
      tutelles: [...kind.tutelles],
      domain,
      site: rng.pick(SITES_BY_DOMAIN[domain]),
    });
  }
  return units;
}

export interface PlatformPlan {
  code: string;
  name: string;
  archetype: Archetype;
  /** The first is the platform's home: its staff are assigned there, its assets booked there. */
  units: Unit[];
  tutelles: TutelleCode[];
  costCentres: Record<TutelleCode, string[]>;
  label: RegistryPlatform['label'];
}

/** Codes and cost centres unique site-wide: 'PF-' + code cut to 12 characters must not collide. */
class CodeBook {
  private readonly codes = new Set<string>();
  private readonly centres = new Set<string>();

  claim(stem: string, suffixes: readonly string[]): string {
    for (let n = 1; ; n++) {
      // A number, when needed, goes within the nine characters the cost centre keeps of the code.
      const numbered = n === 1 ? stem : `${stem.slice(0, 9 - String(n).length)}${n}`;
      for (const suffix of suffixes) {
        const code = [numbered, suffix].filter(Boolean).join('-');
        const centre = costCentreOf(code);
        if (!this.codes.has(code) && !this.centres.has(centre)) {
          this.codes.add(code);
          this.centres.add(centre);
          return code;
        }
      }
    }
  }
}

/** UL's platform cost centre: 'XGAMMA' → 'PF-XGAMMA' (CNRS's code_activite uses the same). */
export function costCentreOf(code: string): string {
  return `PF-${code}`.slice(0, 12);
}

function drawLabel(rng: Rng, asOf: number): RegistryPlatform['label'] {
  const status = rng.weighted([
    ['labelled', 55],
    ['in_progress', 20],
    ['none', 25],
  ] as const);
  if (status !== 'labelled') return { status };
  // Granted within the label's six years, on a day every month has, so +24 months lands on the same day.
  const granted = asOf - rng.int(30, 6 * 365);
  const day = Number(isoOf(granted).slice(8, 10)) > 28 ? granted - 3 : granted;
  // Reviewed every 24 months since the grant, up to two months before each mark; one platform in eight
  // missed its last review (overdue). Drawn from a fork: the rest of the demo stays as it was.
  const reviews = rng.fork('reviews');
  const held: number[] = [];
  for (let mark = addMonths(day, 24); mark <= asOf; mark = addMonths(mark, 24))
    held.push(mark - reviews.int(0, 60));
  if (reviews.chance(0.125)) held.pop();
  const last = held.at(-1);
  return {
    status,
    granted: isoOf(day),
    lastReview: last === undefined ? null : isoOf(last),
    nextReview: isoOf(addMonths(last ?? day, 24)),
  };
}

export function planPlatforms(
  rng: Rng,
  scale: number,
  asOf: number,
): { units: Unit[]; platforms: PlatformPlan[] } {
  const units = makeUnits(rng.fork('units'), Math.max(1, Math.round(70 * scale)));
  const count = Math.max(units.length, Math.round(130 * scale));
  // Every unit has a platform; the rest go to units by size: the big institutes carry several.
  const hosts = [...units];
  const weights = units.map((u, i) => [u, i < 2 ? 6 : rng.float(0.3, 1.5)] as const);
  while (hosts.length < count) hosts.push(rng.weighted(weights));

  const book = new CodeBook();
  const nextUf = rng.sequence(rng.int(4100, 4600), 7);
  const archetypesUsed = new Map<Unit, Set<Archetype>>();
  const byDomain = groupBy(units, (u) => u.domain);
  const platforms = hosts.map((home): PlatformPlan => {
    // A unit with two platforms has two kinds of platform, while its domain has kinds left.
    const used = archetypesUsed.get(home) ?? new Set();
    const ofDomain = ARCHETYPES.filter((a) => a.domain === home.domain);
    const fresh = ofDomain.filter((a) => !used.has(a));
    const archetype = rng.pick(fresh.length > 0 ? fresh : ofDomain);
    archetypesUsed.set(home, used.add(archetype));
    // One platform in ten is shared with another unit of its domain.
    const partner = rng.chance(0.1) ? rng.pick(byDomain.get(home.domain)!) : home;
    const platformUnits = partner !== home ? [home, partner] : [home];
    const candidates = TUTELLES.filter((t) => platformUnits.some((u) => u.tutelles.includes(t)));
    // A tutelle of the unit may not fund this platform; UL, where it is one, nearly always does.
    let tutelles = candidates.filter((t) => rng.chance(t === 'UL' ? 0.97 : 0.8));
    if (tutelles.length === 0) tutelles = [candidates[0]!];
    const code = book.claim(rng.pick(archetype.stems), rng.sample(['', home.site, home.acronym], 3));
    const centre = costCentreOf(code);
    return {
      code,
      name: `${archetype.name} ${rng.chance(0.5) ? `(${home.acronym})` : SITE_NAMES[home.site]}`,
      archetype,
      units: platformUnits,
      tutelles,
      costCentres: {
        UL: tutelles.includes('UL') ? [centre] : [],
        CNRS: tutelles.includes('CNRS') ? [centre] : [],
        INRAE: tutelles.includes('INRAE') ? [code] : [],
        // The hospital's functional units (UF) are numbers.
        CHRU: tutelles.includes('CHRU') ? [String(nextUf())] : [],
      },
      label: drawLabel(rng, asOf),
    };
  });
  return { units, platforms };
}

/** 'UMR1136' → 'UMR 1136 IAM': how INRAE's extractions name a unit. */
export function inraeUnitName(unit: Unit): string {
  return `${unit.code.replace(/^([A-Z]+)(\d+)$/, '$1 $2')} ${unit.acronym}`;
}

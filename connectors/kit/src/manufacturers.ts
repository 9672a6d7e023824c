/*
 * Manufacturer names as the tutelles type them (`BRUKER`, `Bruker AXS`, `Bruker Biospin GmbH`) → one key
 * (`BRUKER`), so records of the same instrument can be compared; and a maker at the start of a free-text
 * designation (`BRUKER D8 ADVANCE`) split from the model behind it.
 */

/** Legal forms, countries and divisions that say nothing about who made the instrument. */
const NOISE = new Set([
  'GMBH',
  'SAS',
  'SA',
  'SARL',
  'SASU',
  'INC',
  'LTD',
  'LIMITED',
  'CORP',
  'CORPORATION',
  'AG',
  'CO',
  'KG',
  'LLC',
  'BV',
  'SPA',
  'PLC',
  'NV',
  'FRANCE',
  'EUROPE',
  'DEUTSCHLAND',
  'INTERNATIONAL',
  'GROUP',
  'AXS',
  'BIOSPIN',
  'DALTONICS',
  'NANO',
  'OPTICS',
  'MICROSYSTEMS',
  'MICROSCOPY',
  'SCIENTIFIC',
  'INSTRUMENTS',
  'INSTRUMENT',
  'TECHNOLOGIES',
  'TECHNOLOGY',
  'ANALYTICAL',
  'DIAGNOSTICS',
  'ELECTRON',
  'BIOSCIENCES',
  'LIFE',
  'SCIENCES',
  'SYSTEMS',
  'ANALYTIK',
]);

/** Names that stay different once cleaned but are the same maker. */
const ALIASES: Record<string, string> = {
  THERMO: 'THERMO FISHER',
  THERMOFISHER: 'THERMO FISHER',
  'THERMO ELECTRON': 'THERMO FISHER',
  'CARL ZEISS': 'ZEISS',
  BECKMAN: 'BECKMAN COULTER',
  'OXFORD NANOPORE': 'OXFORD NANOPORE',
  'MALVERN PANALYTICAL': 'MALVERN',
  PANALYTICAL: 'MALVERN',
  'PERKIN ELMER': 'PERKINELMER',
};

function cleaned(raw: string): string[] {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** `Bruker Biospin GmbH` → `BRUKER`; `Thermo Fisher Scientific` → `THERMO FISHER`; empty → null. */
export function normaliseManufacturer(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const words = cleaned(raw);
  const kept = words.filter((w, i) => i === 0 || !NOISE.has(w));
  const key = kept.join(' ');
  if (key === '') return null;
  return ALIASES[key] ?? ALIASES[kept.slice(0, 2).join(' ')] ?? ALIASES[kept[0]!] ?? key;
}

/** Makers of the site's scientific instruments, by key, as they start a designation. */
const KNOWN_MAKERS = new Set([
  'AGILENT',
  'ANTON PAAR',
  'BECKMAN COULTER',
  'BD',
  'BINDER',
  'BIO RAD',
  'BRUKER',
  'EPPENDORF',
  'FEI',
  'HAMILTON',
  'HITACHI',
  'HORIBA',
  'ILLUMINA',
  'JEOL',
  'LEICA',
  'MALVERN',
  'MEMMERT',
  'METTLER TOLEDO',
  'MILLIPORE',
  'NABERTHERM',
  'NETZSCH',
  'NIKON',
  'OLYMPUS',
  'OXFORD',
  'OXFORD NANOPORE',
  'PERKINELMER',
  'QUANTACHROME',
  'RIGAKU',
  'ROCHE',
  'SARTORIUS',
  'SCIEX',
  'SHIMADZU',
  'TA',
  'TESCAN',
  'THERMO FISHER',
  'WATERS',
  'ZEISS',
  'BIOTEK',
  'MICROMERITICS',
  'OXFORD INSTRUMENTS',
  'DELL',
  'HP',
]);

/**
 * A free-text designation that starts with a maker (`BRUKER D8 ADVANCE`, `Carl Zeiss LSM 980`) → the
 * maker as typed and the model after it; null where no known maker starts the text.
 */
export function splitMakerModel(
  text: string | null | undefined,
): { manufacturer: string; model: string | null } | null {
  if (!text) return null;
  const words = text.trim().split(/\s+/);
  // The shortest start naming a known maker, then the words that still belong to its name
  // ('Thermo' → 'Thermo Fisher Scientific'), but not the model after it.
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    const key = normaliseManufacturer(words.slice(0, n).join(' '));
    if (!key || !KNOWN_MAKERS.has(key)) continue;
    const own = new Set(key.split(' '));
    while (n < words.length && cleaned(words[n]!).every((w) => NOISE.has(w) || own.has(w))) n++;
    const model = words.slice(n).join(' ');
    return { manufacturer: words.slice(0, n).join(' '), model: model === '' ? null : model };
  }
  return null;
}

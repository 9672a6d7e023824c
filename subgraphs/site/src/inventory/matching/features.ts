/*
 * What the matcher compares, computed once per record: keys folded (accents, case, punctuation), the
 * model found where the source hides it (in the designation), the designation's words without the maker
 * and model, days since the epoch. Pure: no I/O.
 */

/** One record as the matcher sees it: the index's record with its platform resolved from the registry. */
export interface MatchInput {
  id: string;
  tutelle: string;
  designation: string;
  details: string | null;
  manufacturerNormalized: string | null;
  model: string | null;
  serialNumberNormalized: string | null;
  unitCode: string | null;
  /** The platform its cost centre belongs to (registry), null where none. */
  platform: string | null;
  commissioningDate: string | null;
  usefulLifeYears: number | null;
}

export interface Features {
  id: string;
  tutelle: string;
  serial: string | null;
  maker: string | null;
  /** The model as a key ('D8ADVANCE'), given or found in the designation. */
  model: string | null;
  /** Designation words, maker and model words left out, as interned numbers, sorted. */
  words: Int32Array;
  /** The designation's first significant word: what kind of instrument it is ('DIFFRACTOMETRE'). */
  head: string | null;
  platform: string | null;
  unit: string | null;
  day: number | null;
  life: number | null;
}

const STOP = new Set([
  'DE',
  'DU',
  'DES',
  'LA',
  'LE',
  'LES',
  'L',
  'D',
  'A',
  'AU',
  'AUX',
  'ET',
  'EN',
  'POUR',
  'SUR',
  'AVEC',
  'PAR',
]);

/** 'Spectromètre d’absorption' → ['SPECTROMETRE', 'ABSORPTION']. */
export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !STOP.has(w));
}

/** 'JSM-IT800' → 'JSMIT800': a model as a key, whatever its punctuation. */
export function modelKey(text: string | null | undefined): string | null {
  const key = words(text).join('');
  return key === '' ? null : key;
}

const MAX_MODEL_WORDS = 4;

/**
 * Models the sources name in their own column (CNRS `modele`, INRAE `Modèle`, CHRU `modele`, what UL's
 * connector split off): the vocabulary in which a model hidden in a designation is recognised.
 */
export function modelVocabulary(inputs: readonly MatchInput[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const input of inputs) {
    const key = modelKey(input.model);
    if (key && key.length >= 2) vocabulary.add(key);
  }
  return vocabulary;
}

/** The longest run of words of the text that is a known model, with where it is. */
function findModel(tokens: readonly string[], vocabulary: ReadonlySet<string>) {
  let best: { key: string; start: number; end: number } | null = null;
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < Math.min(tokens.length, start + MAX_MODEL_WORDS); end++) {
      key += tokens[end];
      if (vocabulary.has(key) && (!best || key.length > best.key.length)) best = { key, start, end: end + 1 };
    }
  }
  return best;
}

/** Makers the sources name (normalised), by their first word: how a maker typed in free text is recognised. */
export function makerVocabulary(inputs: readonly MatchInput[]): Map<string, string> {
  const makers = new Map<string, string>();
  for (const input of inputs) {
    const maker = input.manufacturerNormalized;
    const first = words(maker)[0];
    if (maker && first && first.length >= 2 && !makers.has(first)) makers.set(first, maker);
  }
  return makers;
}

export class FeatureBuilder {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly makers: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** A maker the record's free text starts a word run with ('Lenovo Global Technology' → LENOVO). */
  private findMaker(tokens: readonly string[]): string | null {
    for (const token of tokens) {
      const maker = this.makers.get(token);
      if (maker) return maker;
    }
    return null;
  }

  private intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }

  build(input: MatchInput): Features {
    const designation = words(input.designation);
    const details = words(input.details);
    let model = modelKey(input.model);
    let kept = designation;
    const inDesignation = findModel(designation, this.vocabulary);
    if (inDesignation)
      kept = [...designation.slice(0, inDesignation.start), ...designation.slice(inDesignation.end)];
    model ??= inDesignation?.key ?? findModel(details, this.vocabulary)?.key ?? null;
    const maker = input.manufacturerNormalized ?? this.findMaker(details) ?? this.findMaker(designation);
    const makerWords = new Set(words(maker));
    const modelWords = new Set(words(input.model));
    kept = kept.filter((w) => !makerWords.has(w) && !modelWords.has(w));
    const ids = Int32Array.from(new Set(kept.map((w) => this.intern(w)))).sort();
    return {
      id: input.id,
      tutelle: input.tutelle,
      serial: input.serialNumberNormalized,
      maker,
      model,
      words: ids,
      head: kept.find((w) => w.length >= 4) ?? null,
      platform: input.platform,
      unit: input.unitCode,
      day: input.commissioningDate ? Math.floor(Date.parse(input.commissioningDate) / 86_400_000) : null,
      life: input.usefulLifeYears,
    };
  }
}

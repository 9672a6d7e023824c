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
  /** The tutelle's value HT in euros: its share of a co-funded instrument. */
  valueHT: number | null;
}

export interface Features {
  id: string;
  tutelle: string;
  serial: string | null;
  maker: string | null;
  /** The model as a key ('D8ADVANCE'), given or found in the designation. */
  model: string | null;
  /**
   * The model given is the end of a designation the source may have cut ('MICROSCOPE … FEI COMPANY Qua'):
   * maybe a piece of the model, or of a maker of several words, rather than the model.
   */
  modelCut: boolean;
  /** Designation words, maker and model words left out, as interned numbers, sorted. */
  words: Int32Array;
  /** Each word's weight (its rarity, inverse document frequency), aligned with `words`; set by `weigh`. */
  weights: Float64Array;
  /** The designation's character bigrams (ids, sorted), of its words without maker and model. */
  grams: Int32Array;
  /** Each bigram's rarity weight, the vector of unit length (TF-IDF, for a cosine); set by `weigh`. */
  gramWeights: Float64Array;
  /** The designation's rarest words (ids), those few records have: what it is blocked on. */
  rareWords: number[];
  /** Model codes found in the free text ('PSLX350H'): words mixing letters and digits, and their joins; rarest first (`weigh`). */
  codes: string[];
  /** Sizes the designation states ('8GB', '70-300MM' as '70300MM'), rarest first (`weigh`): two of one unit, none shared, are two instruments. */
  sizes: string[];
  /** The text's last code where the text may have been cut (SIFAC keeps 50 characters): a prefix of the real one. */
  cutCode: string | null;
  /** The designation's first significant word: what kind of instrument it is ('DIFFRACTOMETRE'). */
  head: string | null;
  platform: string | null;
  unit: string | null;
  day: number | null;
  life: number | null;
  value: number | null;
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
  'THE',
  'OF',
  'AND',
  'FOR',
  'WITH',
  'IN',
  'TO',
]);

/** Units a number is glued to, so that '1 GB', '1-GB' and '1GB' are one word. */
const UNITS = new Set([
  'GB',
  'MB',
  'TB',
  'KB',
  'MM',
  'CM',
  'M',
  'KG',
  'G',
  'W',
  'V',
  'HZ',
  'KHZ',
  'MHZ',
  'GHZ',
  'IN',
  'INCH',
  'L',
  'ML',
  'NM',
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
    .flatMap((w, i, all) => {
      if (w === '' || (UNITS.has(w) && i > 0 && /^\d+$/.test(all[i - 1]!))) return [];
      const next = all[i + 1];
      if (/^\d+$/.test(w) && next && UNITS.has(next)) return [`${w}${next === 'INCH' ? 'IN' : next}`];
      return STOP.has(w) ? [] : [w];
    });
}

/** A designation is blocked on its RARE_WORDS rarest words, each held by at most RARE_WORD_RECORDS records. */
const RARE_WORDS = 3;
const RARE_WORD_RECORDS = 100;

/**
 * A size, a quantity or an ordinal ('16GB', '500W', '1080P', '24PORT', '4TH'): a code of its own (a rare
 * one, '400MHZ' on an NMR spectrometer, says something), but no part of a joined one.
 */
export const SIZE =
  /^\d+(GB|MB|TB|KB|MM|CM|M|KG|G|W|V|HZ|KHZ|MHZ|GHZ|IN|L|ML|NM|FT|LB|LBS|OZ|MP|P|X|MAH|PORT|PC|PK|ST|ND|RD|TH)$/;
const isCode = (w: string) => /\d/.test(w) && (/[A-Z]/.test(w) ? w.length >= 3 : w.length >= 4);
/** Texts this long may have been cut by a source that keeps 50 characters. */
const CUT_LENGTH = 48;
/** A prefix written apart from the code it belongs to ('PS' in 'PS LX350H'): a few letters. */
const PREFIX_LENGTH = 3;

/**
 * Model codes in free text: words mixing letters and digits ('LX350H'), long numbers ('27028'), and joins
 * of 2–3 adjacent words holding a digit where the other words are short ('PS LX350H' → 'PSLX350H', 'EOS
 * 40D' → 'EOS40D'), so that 'PS-LX350H', 'PS LX350H' and 'PSLX350H' all give 'PSLX350H'. Joins with a
 * size or a longer word ('HARMONY 890', '2 LINE', 'NETGEAR PROSAFE 24') are left out: different
 * instruments of one range or one size share them.
 */
export function codesIn(tokens: readonly string[]): string[] {
  const codes = new Set<string>();
  const part = (w: string) => !SIZE.test(w) && (w.length <= PREFIX_LENGTH || isCode(w));
  for (let i = 0; i < tokens.length; i++) {
    if (isCode(tokens[i]!)) codes.add(tokens[i]!);
    if (!part(tokens[i]!)) continue;
    let joined = tokens[i]!;
    for (let j = i + 1; j < Math.min(tokens.length, i + 3) && part(tokens[j]!); j++) {
      joined += tokens[j]!;
      if (joined.length >= 5 && /\d/.test(joined) && /[A-Z]/.test(joined)) codes.add(joined);
    }
  }
  return [...codes];
}

/** 'JSM-IT800' → 'JSMIT800': a model as a key, whatever its punctuation. */
export function modelKey(text: string | null | undefined): string | null {
  const key = words(text).join('');
  return key === '' ? null : key;
}

/** A word's character bigrams, its ends marked: 'FS105' → ' F', 'FS', 'S1', '10', '05', '5 '. */
function bigrams(word: string): string[] {
  const padded = ` ${word} `;
  return Array.from({ length: padded.length - 1 }, (_, i) => padded.slice(i, i + 2));
}

const MAX_MODEL_WORDS = 4;

/**
 * A record's model as words, without the rest of its maker's name that leads it: UL's connector splits
 * 'Roche Ventana', 'DELL EMC' or 'HP Enterprise Aruba CX 8360' typed in `designation2` into a maker it knows
 * and a "model" ('Ventana', 'EMC', 'Enterprise Aruba CX 8360') that starts with words some other record
 * names as part of its maker, where what is left is a model some source names ('CEM' and 'MARS 6' stay
 * whole, though some record names its maker 'CEM MARS'). Where nothing is left, no model: none that another
 * instrument of that maker would differ from.
 */
function modelAfterMaker(
  input: MatchInput,
  makers: ReadonlyMap<string, string>,
  models: ReadonlySet<string>,
): { model: string[]; restOfMaker: string[] } {
  const given = words(input.model);
  const maker = words(input.manufacturerNormalized).join('');
  let rest = 0;
  for (let k = 1; maker !== '' && k <= given.length; k++) {
    const left = given.slice(k).join('');
    if (makers.has(`${maker}${given.slice(0, k).join('')}`) && (left === '' || models.has(left))) rest = k;
  }
  return { model: given.slice(rest), restOfMaker: given.slice(0, rest) };
}

/**
 * A model given that is the end of a designation the source may have cut ('MICROSCOPE … FEI COMPANY Qua'):
 * maybe a piece of the model, or of a maker of several words, rather than the model.
 */
function cutModel(input: MatchInput, designation: readonly string[], model: readonly string[]): boolean {
  return (
    model.length > 0 &&
    input.designation.length >= CUT_LENGTH &&
    designation.slice(-model.length).join(' ') === model.join(' ')
  );
}

/**
 * Models the sources name in their own column (CNRS `modele`, INRAE `Modèle`, CHRU `modele`, what UL's
 * connector split off, bar the rest of a maker's name and a model read at the end of a cut designation,
 * 'BIO' of 'BRUKER BIO…'): the vocabulary in which a model hidden in a designation is recognised.
 */
export function modelVocabulary(
  inputs: readonly MatchInput[],
  makers: ReadonlyMap<string, string> = makerVocabulary(inputs),
): Set<string> {
  const named = new Set(inputs.map((input) => modelKey(input.model)).filter((key) => key != null));
  const vocabulary = new Set<string>();
  for (const input of inputs) {
    const { model } = modelAfterMaker(input, makers, named);
    const key = model.join('');
    if (key.length >= 2 && !cutModel(input, words(input.designation), model)) vocabulary.add(key);
  }
  return vocabulary;
}

/** The longest run of words of the text that is a known model, and no word of its maker's, with where it is. */
function findModel(tokens: readonly string[], vocabulary: ReadonlySet<string>, maker: ReadonlySet<string>) {
  let best: { key: string; start: number; end: number } | null = null;
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    let makerOnly = true;
    for (let end = start; end < Math.min(tokens.length, start + MAX_MODEL_WORDS); end++) {
      key += tokens[end];
      makerOnly &&= maker.has(tokens[end]!);
      if (!makerOnly && vocabulary.has(key) && (!best || key.length > best.key.length))
        best = { key, start, end: end + 1 };
    }
  }
  return best;
}

/** Makers the sources name (normalised), by their first word: how a maker typed in free text is recognised. */
export function makerVocabulary(inputs: readonly MatchInput[]): Map<string, string> {
  const makers = new Map<string, string>();
  for (const input of inputs) {
    const maker = input.manufacturerNormalized;
    const name = words(maker);
    const first = name[0];
    if (maker && first && first.length >= 2 && !makers.has(first)) makers.set(first, maker);
    // A maker of several words is recognised written as one ('TECHCRAFT' for 'TECH CRAFT') and vice versa.
    if (maker && name.length > 1 && !makers.has(name.join(''))) makers.set(name.join(''), maker);
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
    for (let i = 0; i < tokens.length; i++) {
      const maker = this.makers.get(`${tokens[i]}${tokens[i + 1] ?? ''}`) ?? this.makers.get(tokens[i]!);
      if (maker) return maker;
    }
    return null;
  }

  /** Per word id: how many records have it; and how many records were built. */
  private readonly documents: number[] = [];
  private records = 0;

  /** Word weights by rarity (inverse document frequency), codes and sizes rarest first, once every record is built. */
  weigh(features: readonly Features[]): void {
    const holders = new Map<string, number>();
    for (const f of features) for (const c of f.codes) holders.set(c, (holders.get(c) ?? 0) + 1);
    for (const f of features)
      f.codes.sort((x, y) => holders.get(x)! - holders.get(y)! || y.length - x.length || (x < y ? -1 : 1));
    const sized = new Map<string, number>();
    for (const f of features) for (const size of f.sizes) sized.set(size, (sized.get(size) ?? 0) + 1);
    for (const f of features) f.sizes.sort((x, y) => sized.get(x)! - sized.get(y)! || (x < y ? -1 : 1));
    for (const f of features) {
      f.words.forEach((id, k) => {
        f.weights[k] = Math.log((1 + this.records) / (1 + (this.documents[id] ?? 0)));
      });
      f.grams.forEach((id, k) => {
        f.gramWeights[k] = Math.log((1 + this.records) / (1 + (this.documents[id] ?? 0)));
      });
      const norm = Math.hypot(...f.gramWeights);
      if (norm > 0)
        f.gramWeights.forEach((w, k) => {
          f.gramWeights[k] = w / norm;
        });
      f.rareWords = Array.from(f.words)
        .filter((id) => (this.documents[id] ?? 0) <= RARE_WORD_RECORDS)
        .sort((x, y) => (this.documents[x] ?? 0) - (this.documents[y] ?? 0))
        .slice(0, RARE_WORDS);
    }
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
    const given = modelAfterMaker(input, this.makers, this.vocabulary);
    const maker = input.manufacturerNormalized ?? this.findMaker(details) ?? this.findMaker(designation);
    const makerWords = new Set([...words(maker), ...given.restOfMaker]);
    let model = given.model.length > 0 ? given.model.join('') : null;
    let kept = designation;
    const inDesignation = findModel(designation, this.vocabulary, makerWords);
    if (inDesignation)
      kept = [...designation.slice(0, inDesignation.start), ...designation.slice(inDesignation.end)];
    model ??= inDesignation?.key ?? findModel(details, this.vocabulary, makerWords)?.key ?? null;
    const modelWords = new Set(given.model);
    kept = kept.filter((w) => !makerWords.has(w) && !modelWords.has(w));
    const ids = Int32Array.from(new Set(kept.map((w) => this.intern(w)))).sort();
    // Bigrams interned with the words, marked ('#') apart from them: a word folded has no '#'.
    const grams = Int32Array.from(new Set(kept.flatMap(bigrams).map((g) => this.intern(`#${g}`)))).sort();
    for (const id of ids) this.documents[id] = (this.documents[id] ?? 0) + 1;
    for (const id of grams) this.documents[id] = (this.documents[id] ?? 0) + 1;
    this.records++;
    const raw = words(input.designation.replace(/[-/.]/g, ''));
    const codes = [...new Set([...codesIn(designation), ...codesIn(raw), ...codesIn(details)])].filter(
      (c) => !makerWords.has(c),
    );
    const last = designation.at(-1);
    const sizes = [...new Set(raw.filter((w) => SIZE.test(w)))];
    return {
      id: input.id,
      tutelle: input.tutelle,
      serial: input.serialNumberNormalized,
      maker,
      model,
      modelCut: cutModel(input, designation, given.model),
      words: ids,
      weights: new Float64Array(ids.length),
      grams,
      gramWeights: new Float64Array(grams.length),
      rareWords: [],
      codes: model ? [...new Set([model, ...codes])] : codes,
      sizes,
      cutCode: input.designation.length >= CUT_LENGTH && last && isCode(last) ? last : null,
      head: kept.find((w) => w.length >= 4) ?? null,
      platform: input.platform,
      unit: input.unitCode,
      day: input.commissioningDate ? Math.floor(Date.parse(input.commissioningDate) / 86_400_000) : null,
      life: input.usefulLifeYears,
      value: input.valueHT,
    };
  }
}

/*
 * The kind of an instrument, from its designation: the tutelles record no common classification, so the
 * site's indicator groups by the first keyword its designation holds (accents and case ignored).
 */
const KINDS: ReadonlyArray<readonly [kind: string, words: readonly string[]]> = [
  ['Microscopy', ['microscop', 'confocal', 'meb ', 'met ', 'sem ', 'tem ']],
  [
    'Mass spectrometry',
    ['spectrometre de masse', 'mass spectrometer', 'orbitrap', 'maldi', 'lc-ms', 'gc-ms'],
  ],
  ['NMR / EPR', ['rmn', 'nmr', 'rpe', 'epr', 'resonance']],
  ['Spectroscopy', ['spectro', 'uv-vis', 'uvvis', 'infrarouge', 'ftir', 'raman', 'fluorim']],
  ['X-ray', ['diffracto', 'rayons x', 'x-ray', 'xrd', 'tomograph', 'fluorescence x']],
  ['Chromatography', ['chromatogra', 'hplc', 'uplc']],
  ['Sequencing / genomics', ['sequenceur', 'sequencer', 'pcr', 'genom']],
  ['Cytometry / imaging', ['cytometr', 'imageur', 'imager', 'camera']],
  ['Thermal / mechanical analysis', ['calorim', 'thermogravi', 'rheometr', 'traction', 'dsc', 'atg']],
  ['Sample preparation', ['centrifug', 'boite a gants', 'glove box', 'lyophil', 'hotte', 'etuve', 'four']],
  ['Computing', ['serveur', 'server', 'cluster', 'calcul']],
];

export const EQUIPMENT_KINDS = [...KINDS.map(([kind]) => kind), 'Other'];

export function kindOf(designation: string): string {
  const text = ` ${designation
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()} `;
  return KINDS.find(([, words]) => words.some((w) => text.includes(w)))?.[0] ?? 'Other';
}

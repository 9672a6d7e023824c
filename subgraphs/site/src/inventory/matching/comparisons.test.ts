import { COMPARISONS } from './comparisons';
import { FeatureBuilder, type MatchInput } from './features';

/** Records of two tutelles, their features built and weighed together as the matcher does. */
function featuresOf(designations: readonly string[], models: ReadonlyArray<string | null> = []) {
  const builder = new FeatureBuilder(new Set());
  const inputs = designations.map(
    (designation, i): MatchInput => ({
      id: `R${i}`,
      tutelle: i % 2 === 0 ? 'UL' : 'CNRS',
      designation,
      details: null,
      manufacturerNormalized: null,
      model: models[i] ?? null,
      serialNumberNormalized: null,
      unitCode: null,
      platform: null,
      commissioningDate: null,
      usefulLifeYears: null,
      valueHT: null,
    }),
  );
  const features = inputs.map((input) => builder.build(input));
  builder.weigh(features);
  return features;
}

const levelOf = (field: string, a: string, b: string, others: readonly string[] = []) => {
  const comparison = COMPARISONS.find((c) => c.field === field)!;
  const [x, y] = featuresOf([a, b, ...others]);
  return comparison.levels[comparison.compare(x!, y!)];
};

describe('comparisons of free-text designations', () => {
  it('tells sizes of one unit apart, whatever else the designations share', () => {
    expect(
      levelOf('size', 'Transcend 4GB CompactFlash Card 133x', 'TRANSCEND 8GB COMPACT FLASH CARD 133X'),
    ).toBe('sizes of one unit, none shared');
    expect(levelOf('size', 'Canon EF 70-300mm f/4-5.6 IS USM', 'CANON EF 70-300MM TELEPHOTO ZOOM LENS')).toBe(
      'a size shared',
    );
    // A size is no model code: '133X' on both sides is not 'same model code'.
    expect(
      levelOf('model', 'Transcend 4GB CompactFlash Card 133x', 'TRANSCEND 8GB COMPACT FLASH CARD 133X'),
    ).not.toBe('same model code in the designations');
  });

  it('finds a code written apart or cut alike by its characters, where no word is the same', () => {
    const others = [
      'Belkin Surge Protector',
      'Sony Turntable',
      'Canon Ink Cartridge',
      'Garmin Suction Mount',
    ];
    expect(
      levelOf(
        'designation',
        'Linksys EtherFast EF4116 Ethernet Switch',
        'ETHERFAST4116 ETHERNET SWITCH',
        others,
      ),
    ).not.toBe('different');
    expect(
      levelOf('designation', 'Linksys EtherFast EF4116 Ethernet Switch', 'Belkin Surge Protector', others),
    ).toBe('different');
  });

  it('takes no model read at the end of a cut designation for a model that differs', () => {
    const model = COMPARISONS.find((c) => c.field === 'model')!;
    const designation = COMPARISONS.find((c) => c.field === 'designation')!;
    // SIFAC keeps 50 characters: the maker's second word and the model's start are all UL's connector reads.
    const [cut, whole] = featuresOf(
      [
        'MICROSCOPE ELECTRONIQUE A BALAYAGE FEI COMPANY Qua',
        'Microscope électronique à balayage',
        'Spectromètre RMN',
        'Diffractomètre de rayons X',
      ],
      ['COMPANY Qua', 'Quanta 250'],
    );
    expect(cut!.modelCut).toBe(true);
    expect(model.levels[model.compare(cut!, whole!)]).not.toBe('different models');
    // The words say it, where the models would have.
    expect(designation.levels[designation.compare(cut!, whole!)]).toBe('alike (bigram cosine ≥ 0.5)');
    // Written in full, two models are two instruments.
    const [x, y] = featuresOf(
      ['Microscope électronique à balayage', 'Microscope électronique à balayage'],
      ['Quanta 250', 'Quanta 650'],
    );
    expect(model.levels[model.compare(x!, y!)]).toBe('different models');
  });

  it('tells records of a unit on no platform from a record whose co-funder left the platform out', () => {
    const location = COMPARISONS.find((c) => c.field === 'location')!;
    const [a, b] = featuresOf(['Autoclave', 'Autoclave']);
    const at = (platform: string | null, f: typeof a) => ({ ...f!, unit: 'UMR7020', platform });
    const levelOf = (x: string | null, y: string | null) =>
      location.levels[location.compare(at(x, a), at(y, b))];
    expect(levelOf('XGAMMA', null)).toBe('same unit, a platform on one side');
    expect(levelOf(null, null)).toBe('same unit, on no platform');
  });

  it('reads values in a ratio of round shares as a convention splitting one price', () => {
    const shares = COMPARISONS.find((c) => c.field === 'valueShares')!;
    const [a, b] = featuresOf(['Autoclave', 'Autoclave']);
    const levelOf = (x: number, y: number) =>
      shares.levels[shares.compare({ ...a!, value: x }, { ...b!, value: y })];
    // 60/40 of 123,456.78 €, each rounded to the cent; 40/30 of a three-way split.
    expect(levelOf(74_074.07, 49_382.71)).toBe('in a ratio of round shares');
    expect(levelOf(40_000, 30_000)).toBe('in a ratio of round shares');
    expect(levelOf(61_728.39, 61_728.39)).toBe('the same value');
    expect(levelOf(74_074.07, 49_000)).toBe('in no such ratio');
  });
});

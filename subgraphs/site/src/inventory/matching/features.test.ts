import {
  codesIn,
  FeatureBuilder,
  type MatchInput,
  makerVocabulary,
  modelVocabulary,
  words,
} from './features';

const codes = (text: string) => codesIn(words(text)).sort();

describe('model codes in free text', () => {
  it('joins a code with the short prefix written apart from it', () => {
    expect(codes('Sony Turntable - PS LX350H')).toEqual(['LX350H', 'PSLX350H']);
    expect(codes('Canon EOS 40D Digital SLR')).toEqual(['40D', 'EOS40D']);
  });

  it('keeps a size as a code of its own but joins nothing to it, nor to a longer word', () => {
    // 'NETGEAR PROSAFE 24', '24PORT SMART', 'HARMONY 890': shared by instruments of one range or one size.
    expect(codes('Netgear ProSafe 24-Port Smart Switch - GS724TP')).toEqual(['GS724TP']);
    expect(codes('Logitech Harmony 890 Advanced Universal Remote')).toEqual([]);
    expect(codes('Spectromètre RMN 400 MHz')).toEqual(['400MHZ']);
  });
});

const record = (id: string, fields: Partial<MatchInput>): MatchInput => ({
  id,
  tutelle: 'UL',
  designation: 'Thermocycleur PCR quantitative temps réel',
  details: null,
  manufacturerNormalized: null,
  model: null,
  serialNumberNormalized: null,
  unitCode: null,
  platform: null,
  commissioningDate: null,
  usefulLifeYears: null,
  valueHT: null,
  ...fields,
});

describe('models', () => {
  it('takes the rest of a maker name another source spells for no model', () => {
    // UL's connector splits 'Roche Ventana' (designation2) into the maker it knows and 'Ventana'.
    const inputs = [
      record('UL:1', { manufacturerNormalized: 'ROCHE', model: 'Ventana', details: 'Roche Ventana' }),
      record('CNRS:1', {
        tutelle: 'CNRS',
        manufacturerNormalized: 'ROCHE VENTANA',
        model: 'LightCycler 480 II',
      }),
      record('UL:2', { manufacturerNormalized: 'ROCHE', model: 'LightCycler 96' }),
    ];
    const makers = makerVocabulary(inputs);
    const vocabulary = modelVocabulary(inputs, makers);
    expect([...vocabulary].sort()).toEqual(['LIGHTCYCLER480II', 'LIGHTCYCLER96']);
    const builder = new FeatureBuilder(vocabulary, makers);
    const [split, , named] = inputs.map((input) => builder.build(input));
    expect(split!.model).toBeNull();
    expect(named!.model).toBe('LIGHTCYCLER96');
  });
});

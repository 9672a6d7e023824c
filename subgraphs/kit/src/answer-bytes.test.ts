import { answerBytes } from './answer-bytes';

/** The bytes must be Apollo Server's, `JSON.stringify(result) + '\n'`, whatever the answer holds. */
describe('answerBytes', () => {
  const same = (result: Record<string, unknown>) =>
    expect(answerBytes(result).toString('utf8')).toBe(
      `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`,
    );

  it('writes what JSON.stringify writes: lists, nested objects, non-Latin-1 text, empty ones, nulls', () => {
    const node = (i: number) => ({
      id: `i${i}`,
      name: 'Plateforme d’analyse élémentaire 🧪',
      tags: ['a', 'b', 'c'],
      shares: [
        { tutelle: 'UL', amount: 1.5 },
        { tutelle: 'CNRS', amount: 1e21 },
      ],
      empty: { list: [], object: {} },
      missing: null,
    });
    same({ data: { page: { total: 3, nodes: [node(1), node(2), node(3)] }, none: [] } });
    same({ data: null, errors: [{ message: 'x', path: ['a', 0] }] });
    same({ data: {}, extensions: { code: 'X' } });
  });

  it('leaves out what JSON.stringify leaves out, and writes null where it does', () => {
    const strange = Object.create(null) as Record<string, unknown>;
    Object.assign(strange, { f: () => 1, u: undefined, s: Symbol('s'), n: Number.NaN, i: -Infinity, z: -0 });
    same({
      data: {
        strange,
        list: [undefined, () => 1, Symbol('s'), Number.NaN, strange],
        date: new Date(0),
        withToJSON: { toJSON: () => ({ replaced: true }) },
        listOfLists: [[1, [2, [3]]], [], [{ a: [undefined] }]],
        '"quoted\nkey"': 'line\nbreak \u2028 \\ "',
      },
    });
  });
});

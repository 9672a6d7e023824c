import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import * as resultShaping from '@apollo/gateway/dist/resultShaping';
import { parse } from 'graphql';
import { computeResponse, shapingFallbacks } from './compiled-shaping';

/*
 * The compiled shaping must answer exactly as @apollo/gateway's: the same data, in the same key order, and
 * the same errors where an answer needs them (it hands those to @apollo/gateway's own function).
 */

const original = resultShaping.computeResponse;

const schema = buildSchema(`
  type Query { page(first: Int!): Page, node(id: ID!): Node, things: [Thing!]! }
  type Page { total: Int!, nodes: [Instrument!]! }
  interface Node { id: ID! }
  enum Tutelle { UL CNRS }
  type Instrument implements Node { id: ID!, name: String, value: Float, tutelles: [Tutelle!]!, records: [Record!]! }
  interface Record { id: ID!, tutelle: Tutelle! }
  type UlRecord implements Record & Node { id: ID!, tutelle: Tutelle!, costCentre: String }
  type CnrsRecord implements Record & Node { id: ID!, tutelle: Tutelle!, unit: String! }
  union Thing = UlRecord | CnrsRecord
`);

const operation = (text: string) => operationFromDocument(schema, parse(text), { validate: false });

/** Both shapings of one input, and whether ours had to fall back on @apollo/gateway's. */
function both(text: string, input: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const op = operation(text);
  const args = { operation: op, variables, input, introspectionHandling: () => null };
  const before = shapingFallbacks();
  const ours = computeResponse(args);
  return { ours, theirs: original(args), fellBack: shapingFallbacks() > before };
}

const PAGE = `query Page($first: Int!, $withRecords: Boolean!) {
  page(first: $first) {
    count: total
    nodes {
      kind: __typename
      id name value tutelles
      records @include(if: $withRecords) {
        __typename id tutelle
        ... on UlRecord { costCentre }
        ... on CnrsRecord { unit id }
      }
    }
  }
}`;

const pageInput = () => ({
  page: {
    count: 2,
    nodes: [
      {
        __typename: 'Instrument',
        id: 'i1',
        name: 'NMR',
        value: 1.5,
        tutelles: ['UL', 'CNRS'],
        internalKey: 'dropped',
        records: [
          { __typename: 'UlRecord', id: 'r1', tutelle: 'UL', costCentre: 'CC1', extra: 1 },
          { __typename: 'CnrsRecord', id: 'r2', tutelle: 'CNRS', unit: 'UMR7036' },
        ],
      },
      { __typename: 'Instrument', id: 'i2', name: null, value: 3, tutelles: [], records: [] },
    ],
  },
});

describe('compiled result shaping', () => {
  it('answers as @apollo/gateway: aliases, __typename, fragments on an interface, dropped fields', () => {
    const { ours, theirs, fellBack } = both(PAGE, pageInput(), { first: 2, withRecords: true });
    expect(fellBack).toBe(false);
    expect(ours).toEqual(theirs);
    expect(JSON.stringify(ours.data)).toBe(JSON.stringify(theirs.data)); // the same key order
    expect(ours.errors).toEqual([]);
    expect(JSON.stringify(ours.data)).not.toContain('dropped');
  });

  it('applies @include and @skip from variables and constants', () => {
    for (const [text, variables] of [
      [PAGE, { first: 2, withRecords: false }],
      ['{ page(first: 1) { total @skip(if: true) nodes { id } } }', {}],
    ] as const) {
      const { ours, theirs, fellBack } = both(text, pageInput(), variables);
      expect(fellBack).toBe(false);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    }
  });

  it('answers a union and nullable fields left null as @apollo/gateway', () => {
    const text =
      '{ things { ... on UlRecord { id costCentre } ... on CnrsRecord { unit } } node(id: "x") { id } }';
    const input = {
      things: [
        { __typename: 'UlRecord', id: 'r1', costCentre: null },
        { __typename: 'CnrsRecord', unit: 'U' },
      ],
      node: null,
    };
    const { ours, theirs, fellBack } = both(text, input);
    expect(fellBack).toBe(false);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  });

  it('leaves the errors of a broken answer to @apollo/gateway: null for non-null, bad enum, bad __typename', () => {
    const broken = [
      { page: { total: null, nodes: [] } },
      { page: { total: 1, nodes: [{ id: 'i', tutelles: ['INRIA'], records: [] }] } },
      { page: { total: 1, nodes: [{ __typename: 'Nope', id: 'i', tutelles: [], records: [] }] } },
    ];
    for (const input of broken) {
      const { ours, theirs, fellBack } = both(PAGE, input, { first: 1, withRecords: true });
      expect(fellBack).toBe(true);
      expect(theirs.errors.length).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
    }
  });

  it('leaves an alias `__proto__` to @apollo/gateway: on a plain object it would set the prototype', () => {
    const text = '{ page(first: 1) { __proto__: total nodes { id } } }';
    // Parsed, as a subgraph's answer is: an own field named `__proto__`.
    const { ours, theirs, fellBack } = both(text, JSON.parse('{"page":{"__proto__":1,"nodes":[]}}'));
    expect(fellBack).toBe(true);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    expect(JSON.stringify(ours.data)).toBe('{"page":{"__proto__":1,"nodes":[]}}');
  });
});

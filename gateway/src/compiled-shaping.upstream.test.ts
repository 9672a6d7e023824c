import { buildSchema, parseOperation } from '@apollo/federation-internals';
import * as resultShaping from '@apollo/gateway/dist/resultShaping';
import { computeResponse, shapingFallbacks } from './compiled-shaping';

/*
 * The cases of @apollo/gateway's own result-shaping tests (apollographql/federation,
 * gateway-js/src/__tests__/resultShaping.test.ts: unqueried fields dropped, null propagation through
 * non-null fields and lists, an invalid scalar, __typename on root types and from subgraphs), each shaped
 * by the compiled steps and by @apollo/gateway's own function: the same data in the same key order, the
 * same errors at the same paths. Where upstream expects an error, the compiled steps must hand over.
 */

const original = resultShaping.computeResponse;

function both(sdl: string, text: string, input: Record<string, unknown>) {
  const operation = parseOperation(buildSchema(sdl), text);
  const args = { operation, input, introspectionHandling: () => null };
  const before = shapingFallbacks();
  const ours = computeResponse(args);
  const theirs = original(args);
  return { ours, theirs, fellBack: shapingFallbacks() > before };
}

const errorsOf = (result: ReturnType<typeof original>) =>
  result.errors.map((error) => ({ message: error.message, path: error.path }));

function expectSame(result: ReturnType<typeof both>) {
  expect(JSON.stringify(result.ours.data)).toBe(JSON.stringify(result.theirs.data));
  expect(errorsOf(result.ours)).toEqual(errorsOf(result.theirs));
}

const FRAGMENTS_SDL = `
  type Query { t: T v: Int! }
  type T { a: Int b: String c: [C] d: Int }
  interface C { x: Int y: Int }
  type P1 implements C { id: ID! x: Int y: Int }
  type P2 implements C { x: Int y: Int w: Int z: Int }
`;

const NULLS_SDL = `
  type Query { tNullable: T tNonNullable: T! }
  type T { a: Int b: Int! c: [Int] d: [Int]! e: [Int!] f: [Int!]! }
`;
const t = () => ({
  a: null,
  b: null,
  c: [24, null, 42, null],
  d: [24, null, 42, null],
  e: [24, null, 42, null],
  f: [24, null, 42, null],
});
const nullsInput = () => ({ tNullable: t(), tNonNullable: t() });

describe("compiled shaping on @apollo/gateway's own result-shaping cases", () => {
  it('drops fields the operation did not ask for, fragments on an interface merged', () => {
    const input = {
      t: {
        a: 0,
        b: 'testData',
        c: [
          { __typename: 'P1', id: 'foo', x: 1, y: 2 },
          { __typename: 'P2', x: 10, y: 20, w: 30, z: 40 },
        ],
        d: 1,
      },
      v: 42,
    };
    const result = both(FRAGMENTS_SDL, '{ t { a c { x ... on P1 { x y } ... on P2 { z } } } }', input);
    expectSame(result);
    expect(result.fellBack).toBe(false);
    expect(result.ours.data).toEqual({
      t: {
        a: 0,
        c: [
          { x: 1, y: 2 },
          { x: 10, z: 40 },
        ],
      },
    });
  });

  it.each([
    ['a nullable field left null', '{ tNonNullable { a } }', false],
    ['a nullable list with nulls', '{ tNonNullable { c } }', false],
    ['a non-null list of nullable elements with nulls', '{ tNonNullable { d } }', false],
    ['null for a non-null field, under a non-null parent', '{ tNonNullable { b } }', true],
    ['null for a non-null field, under a nullable parent', '{ tNullable { b } }', true],
    ['null elements of a list of non-null elements', '{ tNonNullable { e } }', true],
    [
      'null elements of a non-null list of non-null elements, non-null parent',
      '{ tNonNullable { f } }',
      true,
    ],
    ['null elements of a non-null list of non-null elements, nullable parent', '{ tNullable { f } }', true],
  ])('propagates nulls as @apollo/gateway: %s', (_case, text, errors) => {
    const result = both(NULLS_SDL, text, nullsInput());
    expectSame(result);
    expect(result.theirs.errors.length > 0).toBe(errors);
    // An answer that needs an error is @apollo/gateway's own to give.
    expect(result.fellBack).toBe(errors);
  });

  it('reports an invalid value for a built-in scalar as @apollo/gateway does', () => {
    const result = both('type Query { x: Int! }', '{ x }', { x: 'foo' });
    expectSame(result);
    expect(result.fellBack).toBe(true);
    expect(errorsOf(result.ours)).toEqual([
      { message: 'Invalid value found for field Query.x.', path: ['x'] },
    ]);
  });

  it('adds __typename on root types the subgraphs did not send', () => {
    const input = { t: { a: 42, q: { t: { q: { t: { a: 24 } } } } } };
    const result = both(
      'type Query { t: T } type T { a: Int q: Query }',
      '{ __typename t { a q { __typename t { q { __typename t { a } } } } } }',
      input,
    );
    expectSame(result);
    expect(result.ours.data).toEqual({
      __typename: 'Query',
      t: { a: 42, q: { __typename: 'Query', t: { q: { __typename: 'Query', t: { a: 24 } } } } },
    });
  });

  it("keeps the subgraphs' __typename under a fragment on the interface", () => {
    const input = {
      i: [
        { __typename: 'A', x: 24 },
        { __typename: 'B', x: 42 },
      ],
    };
    const result = both(
      'type Query { i: [I] } interface I { x: Int } type A implements I { x: Int } type B implements I { x: Int }',
      '{ i { ... on I { __typename x } } }',
      input,
    );
    expectSame(result);
    expect(result.ours.data).toEqual(input);
  });
});

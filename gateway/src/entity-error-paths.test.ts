import executeQueryPlan = require('@apollo/gateway/dist/executeQueryPlan');

import { installEntityErrorPaths } from './entity-error-paths';

/*
 * The patch's switch, on the function @apollo/gateway runs (the end-to-end case, a tutelle's error among
 * other tutelles' entities, is test/platforms/partial-failure.test.ts).
 */

type Generator = (
  fetch: { requires?: unknown },
  cursor: { path: (string | number)[]; fullResult: unknown },
  representationToEntity?: number[],
) => (errorPath: (string | number)[]) => (string | number)[] | undefined;

const { makeLazyErrorPathGenerator } = (
  executeQueryPlan as unknown as { hubEntityErrorPaths: { makeLazyErrorPathGenerator: Generator } }
).hubEntityErrorPaths;

// Three cost centres; only the first and third are UL's, so UL got two representations.
const placed = (errorPath: (string | number)[]) =>
  makeLazyErrorPathGenerator(
    { requires: [] },
    { path: ['costCentres', '@'], fullResult: { costCentres: [{}, {}, {}] } },
    [0, 2],
  )(errorPath);

afterAll(() => installEntityErrorPaths(true));

describe('entity error paths', () => {
  it('is live once installed, and places an error on the entity its representation came from', () => {
    expect(installEntityErrorPaths(true)).toEqual({ live: true, reason: null });
    expect(placed(['_entities', 1, 'equipment'])).toEqual(['costCentres', 2, 'equipment']);
  });

  it('switched off, gives @apollo/gateway 2.14.4’s own placement (the neighbour)', () => {
    expect(installEntityErrorPaths(false)).toEqual({
      live: false,
      reason: 'switched off (entityErrorPaths: false)',
    });
    expect(placed(['_entities', 1, 'equipment'])).toEqual(['costCentres', 1, 'equipment']);
  });

  it('leaves errors outside `_entities` where they were', () => {
    installEntityErrorPaths(true);
    const generate = makeLazyErrorPathGenerator({}, { path: ['platform'], fullResult: {} });
    expect(generate(['code'])).toEqual(['platform', 'code']);
  });
});

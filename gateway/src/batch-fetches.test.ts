import { mergeOperations } from './batch-fetches';

const staff = {
  query:
    'query Sheet__ul__1($representations:[_Any!]!){_entities(representations:$representations){...on UlStaffMember{grade}}}',
  variables: { representations: [{ __typename: 'UlStaffMember', id: 'UL:1' }] },
  operationName: 'Sheet__ul__1',
};
const equipment = {
  query:
    'query Sheet__ul__2($representations:[_Any!]!,$first:Int){_entities(representations:$representations){...on UlCostCentre{equipment(first:$first){totalCount}}}}',
  variables: { representations: [{ __typename: 'UlCostCentre', code: 'PF-A' }], first: 5 },
  operationName: 'Sheet__ul__2',
};

describe('mergeOperations', () => {
  it('sends two fetches to one subgraph as one operation, root fields aliased, variables renamed', () => {
    const merged = mergeOperations([staff, equipment])!;
    expect(merged.request.query.replace(/\s+/g, ' ')).toBe(
      'query Sheet__ul__1($b0_representations: [_Any!]!, $b1_representations: [_Any!]!, $b1_first: Int) { b0__entities: _entities(representations: $b0_representations) { ... on UlStaffMember { grade } } b1__entities: _entities(representations: $b1_representations) { ... on UlCostCentre { equipment(first: $b1_first) { totalCount } } } }',
    );
    expect(merged.request.variables).toEqual({
      b0_representations: staff.variables.representations,
      b1_representations: equipment.variables.representations,
      b1_first: 5,
    });
    expect(merged.request.operationName).toBe('Sheet__ul__1');
  });

  it('splits the answer back, each error to the fetch it belongs to, those without a path to every one', () => {
    const merged = mergeOperations([staff, equipment])!;
    const [first, second] = merged.split({
      data: { b0__entities: [{ grade: 'IGE' }], b1__entities: [null] },
      errors: [
        {
          message: 'down',
          path: ['b1__entities', 0, 'equipment'],
          extensions: { code: 'SOURCE_UNAVAILABLE' },
        },
        { message: 'everyone' },
      ],
    });
    expect(first).toEqual({ data: { _entities: [{ grade: 'IGE' }] }, errors: [{ message: 'everyone' }] });
    expect(second).toEqual({
      data: { _entities: [null] },
      errors: [
        { message: 'down', path: ['_entities', 0, 'equipment'], extensions: { code: 'SOURCE_UNAVAILABLE' } },
        { message: 'everyone' },
      ],
    });
  });

  it('leaves apart what it cannot merge: mutations, named fragments', () => {
    expect(mergeOperations([staff, { query: 'mutation { a }' }])).toBeNull();
    expect(mergeOperations([staff, { query: 'query { ...F } fragment F on Query { a }' }])).toBeNull();
  });
});

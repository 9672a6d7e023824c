import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { composeSupergraph, readCommittedSupergraph } from './supergraph';

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to today (run `pnpm supergraph` after a schema change)', async () => {
    expect(readCommittedSupergraph()).toBe(await composeSupergraph());
  });

  it('plans a platform list with equipment as one site fetch, then one batched fetch per tutelle, in parallel', () => {
    const supergraph = Supergraph.build(readCommittedSupergraph());
    const planner = new QueryPlanner(supergraph);
    const operation = operationFromDocument(
      supergraph.schema,
      parse(`{ platforms { nodes { code costCentres { code equipment { totalCount } } } } }`),
    );
    expect(prettyFormatQueryPlan(planner.buildQueryPlan(operation))).toMatchInlineSnapshot(`
"QueryPlan {
  Sequence {
    Fetch(service: "site") {
      {
        platforms {
          nodes {
            code
            costCentres {
              __typename
              code
              ... on ChruCostCentre {
                __typename
                code
              }
              ... on CnrsCostCentre {
                __typename
                code
              }
              ... on InraeCostCentre {
                __typename
                code
              }
              ... on UlCostCentre {
                __typename
                code
              }
            }
          }
        }
      }
    },
    Parallel {
      Flatten(path: "platforms.nodes.@.costCentres.@") {
        Fetch(service: "chru") {
          {
            ... on ChruCostCentre {
              __typename
              code
            }
          } =>
          {
            ... on ChruCostCentre {
              equipment {
                totalCount
              }
            }
          }
        },
      },
      Flatten(path: "platforms.nodes.@.costCentres.@") {
        Fetch(service: "cnrs") {
          {
            ... on CnrsCostCentre {
              __typename
              code
            }
          } =>
          {
            ... on CnrsCostCentre {
              equipment {
                totalCount
              }
            }
          }
        },
      },
      Flatten(path: "platforms.nodes.@.costCentres.@") {
        Fetch(service: "inrae") {
          {
            ... on InraeCostCentre {
              __typename
              code
            }
          } =>
          {
            ... on InraeCostCentre {
              equipment {
                totalCount
              }
            }
          }
        },
      },
      Flatten(path: "platforms.nodes.@.costCentres.@") {
        Fetch(service: "ul") {
          {
            ... on UlCostCentre {
              __typename
              code
            }
          } =>
          {
            ... on UlCostCentre {
              equipment {
                totalCount
              }
            }
          }
        },
      },
    },
  },
}"
`);
  });
});

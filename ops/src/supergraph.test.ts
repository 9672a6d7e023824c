import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { TUTELLES } from '@hub/schema';
import { parse } from 'graphql';
import { composeSupergraph, readCommittedSupergraph } from './supergraph';
import { TUTELLE_DESCRIPTORS } from './tutelles';

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
    const plan = prettyFormatQueryPlan(planner.buildQueryPlan(operation));
    // One fetch to the site first, then, in parallel, one fetch per registered tutelle, each for its own
    // cost centres (a tutelle added later is one more: docs/CONNECTORS.md).
    const [first, parallel] = plan.split(/\n {4}Parallel \{\n/);
    expect(first).toMatch(/^QueryPlan \{\n {2}Sequence \{\n {4}Fetch\(service: "site"\)/);
    expect(first!.match(/Fetch\(/g)).toHaveLength(1);
    const fetches = [
      ...parallel!.matchAll(/Fetch\(service: "(\w+)"\) \{\n\s+\{\n\s+\.\.\. on (\w+)CostCentre/g),
    ];
    expect(fetches.map(([, service, type]) => [service, type]).sort()).toEqual(
      TUTELLE_DESCRIPTORS.map((d) => [d.name, TUTELLES[d.tutelle].typePrefix]).sort(),
    );
    expect(parallel!.match(/Fetch\(/g)).toHaveLength(TUTELLE_DESCRIPTORS.length);
  });
});

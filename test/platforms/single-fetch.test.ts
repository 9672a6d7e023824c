import { startGateway } from '@hub/gateway';
import { SUPERGRAPH_PATH } from '@hub/ops';
import type { RunningServer } from '@hub/service-kit';
import { type Hub, postGraphQL, startSubgraphsAndGateway } from '../src/harness';

/*
 * Queries the site answers alone, passed through by the hub's gateway (`gateway/src/single-fetch.ts`):
 * the same answers as @apollo/gateway's own execution gives (a second gateway with the pass-through off,
 * over the same subgraphs), every time, errors included.
 */

const SITE_ONLY = /* GraphQL */ `
  query SiteOnly($first: Int!, $withUnits: Boolean!) {
    all: platforms(first: $first) { totalCount nodes { code name units @include(if: $withUnits) tutelles } }
    some: platforms(first: 1) { pageInfo { hasNextPage endCursor } nodes { code staffCount staffFte } }
    site: siteInventoryTotals { key equipmentCount valueHT { amount } }
  }
`;

/** A cursor that is none: an error of the site's, in the gateway's usual error shape. */
const BAD_CURSOR = /* GraphQL */ `
  query BadCursor { platforms(after: "bogus") { totalCount } }
`;

/** Site and UL: two fetches, never passed through. */
const WITH_UL = /* GraphQL */ `
  query WithUl { platforms { nodes { code costCentres { code equipment { totalCount } } } } }
`;

describe('single-fetch answers passed through', () => {
  let hub: Hub;
  let usual: RunningServer;

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      ul: { asOf: () => '2026-01-01' },
    });
    usual = await startGateway({
      supergraphPath: SUPERGRAPH_PATH,
      port: 0,
      subgraphUrls: {
        site: hub.site.url,
        ul: hub.ul.url,
        cnrs: hub.cnrs.url,
        inrae: hub.inrae.url,
        chru: hub.chru.url,
      },
      responseCache: false,
      passThroughSingleFetches: false,
    });
  });
  afterAll(async () => {
    await usual?.close();
    await hub?.close();
  });

  it.each([
    ['a site-only query, aliases, variables and @include', SITE_ONLY, { first: 2, withUnits: true }],
    ['the same, @include false', SITE_ONLY, { first: 5, withUnits: false }],
    ['a site error', BAD_CURSOR, {}],
    ['a query of two subgraphs', WITH_UL, {}],
  ])('answers %s as the usual execution does, the first time and after', async (_, query, variables) => {
    const expected = await postGraphQL(usual.url, query, variables);
    // The first request plans the operation (usual way); the next ones pass it through where they can.
    for (let i = 0; i < 3; i++) {
      const answer = await hub.query(query, { variables });
      expect(JSON.stringify(answer)).toBe(JSON.stringify(expected));
    }
    if (query === BAD_CURSOR) expect(expected.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    else expect(expected.errors).toBeUndefined();
  });
});

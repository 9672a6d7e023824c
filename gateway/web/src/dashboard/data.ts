import { type Answer, request } from '../app/graphql';
import { graphql } from '../gql';
import type { DashboardInventoryQuery, DashboardPlatformsQuery } from '../gql/graphql';

/*
 * What the dashboard reads: the whole site inventory and every platform's label and staff, page by page
 * (the graph's pages are bounded), and the tariff divergence of the chosen year and the three before.
 */

const DashboardInventory = graphql(`
  query DashboardInventory($after: String) {
    siteInventory(first: 400, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        platformCode
        commissioningDate
        shares {
          tutelle
          valueHT {
            amount
          }
        }
        records {
          usefulLifeYears
        }
      }
    }
  }
`);

const DashboardPlatforms = graphql(`
  query DashboardPlatforms($after: String) {
    platforms(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        code
        name
        label {
          status
          nextReview
          expires
        }
        staff {
          tutelle
          share
          member {
            grade
            assignments {
              fte
              start
              end
              yearlyCost {
                amount
              }
            }
          }
        }
      }
    }
  }
`);

export const DashboardDivergence = graphql(`
  query DashboardDivergence($year: Int!, $y1: Int!, $y2: Int!) {
    current: tariffDivergence(year: $year) {
      year
      site {
        comparisons
        meanAbsoluteGapPercent
        beyondTenPercent
        yearlyGap {
          amount
        }
      }
      platforms {
        platformCode
        summary {
          comparisons
          meanGapPercent
          meanAbsoluteGapPercent
          beyondTenPercent
          yearlyGap {
            amount
          }
        }
      }
      unavailable {
        platformCode
        source
        message
      }
    }
    y1: tariffDivergence(year: $y1) {
      year
      site {
        meanAbsoluteGapPercent
        beyondTenPercent
      }
    }
    y2: tariffDivergence(year: $y2) {
      year
      site {
        meanAbsoluteGapPercent
        beyondTenPercent
      }
    }
  }
`);

/** Every page of a connection, the problems of each page kept. */
async function allPages<Data, Node>(
  fetchPage: (after: string | null) => Promise<Answer<Data>>,
  pageOf: (data: Data) => { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } },
): Promise<Answer<Node[]>> {
  const nodes: Node[] = [];
  const errors: Answer<Data>['errors'] = [];
  let after: string | null = null;
  do {
    const answer: Answer<Data> = await fetchPage(after);
    errors.push(...answer.errors);
    if (!answer.data) return { data: nodes.length ? nodes : null, errors };
    const page = pageOf(answer.data);
    nodes.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  return { data: nodes, errors };
}

export type DashboardInstrument = DashboardInventoryQuery['siteInventory']['nodes'][number];
export type DashboardPlatform = DashboardPlatformsQuery['platforms']['nodes'][number];

export const readInstruments = () =>
  allPages(
    (after) => request(DashboardInventory, { after }),
    (d) => d.siteInventory,
  );
export const readPlatforms = () =>
  allPages(
    (after) => request(DashboardPlatforms, { after }),
    (d) => d.platforms,
  );

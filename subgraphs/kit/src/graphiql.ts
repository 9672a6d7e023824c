import type { ApolloServerPlugin } from '@apollo/server';

/*
 * The sandbox page at GET /graphql, outside production. GraphiQL as one self-contained page (scripts, styles
 * and editor workers inline, from the registry package): it works on a machine with no outside network,
 * where Apollo's embedded Sandbox, loaded from Apollo's CDN by the browser, would stay blank.
 */

const EXAMPLE = `# The site's platforms, with the equipment each tutelle records on their cost centres.
# A bearer token (pnpm hub token central) goes in the Headers tab: {"Authorization": "Bearer …"}
{
  platforms(first: 5) {
    totalCount
    nodes {
      code
      name
      staffCount
      costCentres {
        tutelle
        code
        equipment(first: 3) {
          totalCount
          nodes { designation serialNumber valueHT { amount currency } }
        }
      }
    }
  }
}
`;

/** Apollo Server's landing page, as GraphiQL titled after the service. */
export function useGraphiQL(options: { title: string }): ApolloServerPlugin {
  return {
    async serverWillStart() {
      // Loaded only by a service that serves the page: the inline bundle is some 80 MB of a process's
      // memory, which no production service should carry.
      const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
      const html = renderGraphiQL({ title: options.title, endpoint: '/graphql', defaultQuery: EXAMPLE });
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}

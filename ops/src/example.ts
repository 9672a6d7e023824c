/** The portal's main query, the README's example: the platforms UL co-funds, with each tutelle's equipment. */
export const EXAMPLE_QUERY = `{
  platforms(first: 2, filter: { tutelle: UL }) {
    totalCount
    nodes {
      code name staffCount
      costCentres {
        tutelle code
        equipment(first: 2) { totalCount nodes { designation serialNumber valueHT { amount currency } } }
      }
    }
  }
}`;

/** The same, its page size a variable `$first` (measurements vary it to tell cached answers apart). */
export const EXAMPLE_QUERY_PAGED = EXAMPLE_QUERY.replace(
  /^\{/,
  'query PortalPlatforms($first: Int!) {',
).replace('platforms(first: 2,', 'platforms(first: $first,');

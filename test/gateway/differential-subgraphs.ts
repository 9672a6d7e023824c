import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/*
 * Two small subgraphs whose public schema differs from their own: an enum value and an object type
 * `@inaccessible`, an interface and a union, a field `@requires` another subgraph's, a field `@provides`.
 * What a gateway addition could answer differently from stock @apollo/gateway.
 */

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7",
  import: ["@key", "@shareable", "@inaccessible", "@external", "@requires", "@provides"])`;

export const CATALOG = {
  name: 'catalog',
  typeDefs: parse(`${LINK}
    enum Kind { PAPER EBOOK ANONYMOUS @inaccessible }
    interface Item { id: ID! name: String }
    type Book implements Item @key(fields: "id") { id: ID! name: String @shareable kind: Kind weight: Float @shareable }
    type Hidden implements Item @inaccessible { id: ID! name: String }
    type Film @key(fields: "id") { id: ID! title: String }
    union Media = Book | Film
    type Query {
      kinds: [Kind!]!
      firstKind: Kind
      items: [Item!]!
      media: [Media!]!
      book(id: ID!): Book
    }`),
  resolvers: {
    Query: {
      kinds: () => ['PAPER', 'ANONYMOUS', 'EBOOK'],
      firstKind: () => 'ANONYMOUS',
      items: () => [
        { __typename: 'Book', id: 'b1', name: 'Germinal' },
        { __typename: 'Hidden', id: 'h1', name: 'secret' },
      ],
      media: () => [
        { __typename: 'Book', id: 'b1', kind: 'ANONYMOUS' },
        { __typename: 'Film', id: 'f1', title: 'Metropolis' },
      ],
      book: (_: unknown, { id }: { id: string }) => ({ id, name: 'Germinal', kind: 'PAPER', weight: 1.5 }),
    },
    Item: { __resolveType: (item: { __typename: string }) => item.__typename },
    Media: { __resolveType: (item: { __typename: string }) => item.__typename },
    Book: {
      __resolveReference: (ref: { id: string }) => ({
        id: ref.id,
        name: 'Germinal',
        kind: 'EBOOK',
        weight: 1.5,
      }),
    },
  },
};

export const SHIPPING = {
  name: 'shipping',
  typeDefs: parse(`${LINK}
    type Book @key(fields: "id") {
      id: ID!
      weight: Float @external
      name: String @external
      shippingCost: Float @requires(fields: "weight")
    }
    type Query { featured: Book @provides(fields: "name") }`),
  resolvers: {
    Query: { featured: () => ({ id: 'b1', name: 'Germinal (provided)' }) },
    Book: {
      __resolveReference: (ref: { id: string; weight?: number }) => ({ id: ref.id, weight: ref.weight }),
      shippingCost: (book: { weight?: number }) => (book.weight ?? 0) * 2,
    },
  },
};

export async function startSubgraph(subgraph: typeof CATALOG | typeof SHIPPING) {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }]),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { name: subgraph.name, url, typeDefs: subgraph.typeDefs, close: () => server.stop() };
}

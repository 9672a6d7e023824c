import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseIsoDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError(`Date must be a calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time zone, as the sources record them: `2019-03-14`. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: "A calendar date without time zone, 'YYYY-MM-DD'.",
  serialize: (value) => parseIsoDate(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@hub/schema';
import {
  type FieldNode,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  print,
  type ValidationRule,
} from 'graphql';

/**
 * What one operation may ask, checked before anything is planned or fetched: a public graph must not let
 * one request cost the tutelles' sources what a thousand would.
 */
export interface QueryLimits {
  /** Nesting: the portal's deepest query (platform → cost centre → equipment → value) is 7. */
  maxDepth: number;
  /** Aliases: many aliased copies of an expensive field are one request doing the work of many. */
  maxAliases: number;
  /** Tokens of the document: bounds parsing work on absurd documents. */
  maxTokens: number;
  /** graphql-armor's static cost (objects 2, scalars 1, growing with depth). */
  maxCost: number;
  /** Directives per operation. */
  maxDirectives: number;
  /**
   * Distinct years of tariffs (`tariffs`, `tariffDivergence`) one operation computes: each year reads
   * every tutelle's cost base, work the static cost does not see.
   */
  maxTariffYears: number;
  /**
   * Distinct indicators (the CORIS indicators, the figures over time, each with its own arguments) one
   * operation computes: each reads every tutelle's staff or walks the whole index, work the static cost
   * does not see. The year's workbook is nine.
   */
  maxIndicators: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 4000,
  maxCost: 20_000,
  maxDirectives: 30,
  maxTariffYears: 3,
  maxIndicators: 10,
};

/**
 * Refuses an operation asking more than `max` distinct computations: `keyOf` names the one a field asks
 * (undefined: none), and the same key twice counts once.
 */
function distinctComputationsRule(
  max: number,
  keyOf: (field: FieldNode) => string | undefined,
  refusal: (asked: number) => string,
): ValidationRule {
  return (context) => {
    const asked = new Set<string>();
    return {
      Field(field) {
        const key = keyOf(field);
        if (key === undefined) return;
        asked.add(key);
        if (asked.size === max + 1) context.reportError(new GraphQLError(refusal(asked.size)));
      },
    };
  };
}

/** Fields whose every distinct `year` is a computation over all of the tutelles' costs. */
const YEARLY_FIELDS = new Set(['tariffs', 'tariffDivergence']);

/** Refuses an operation asking more distinct tariff years (literals, or variables) than `max`. */
const tariffYearsRule = (max: number) =>
  distinctComputationsRule(
    max,
    (field) => {
      if (!YEARLY_FIELDS.has(field.name.value)) return undefined;
      const year = field.arguments?.find((a) => a.name.value === 'year')?.value;
      if (!year) return undefined;
      return year.kind === Kind.VARIABLE ? `$${year.name.value}` : print(year);
    },
    (years) => `Tariff years limit of ${max} exceeded: one operation asks for ${years} years`,
  );

/** Fields computing an indicator over the whole site (or a platform's series): counted by their arguments. */
const INDICATOR_FIELDS = new Set([
  'corisStaff',
  'corisEquipment',
  'corisRenewal',
  'corisLabels',
  'siteFigures',
  'siteHistory',
  'history',
  'indicatorSnapshots',
]);

/**
 * Refuses an operation asking more distinct indicators than `max`: the same field with other arguments
 * (another year, grouping or date) is another computation; the same one twice (aliases, or `history` on
 * every platform of a list, computed together) counts once.
 */
const indicatorsRule = (max: number) =>
  distinctComputationsRule(
    max,
    (field) => {
      if (!INDICATOR_FIELDS.has(field.name.value)) return undefined;
      const args = [...(field.arguments ?? [])]
        .map((a) => `${a.name.value}:${print(a.value)}`)
        .sort()
        .join(',');
      return `${field.name.value}(${args})`;
    },
    (indicators) => `Indicators limit of ${max} exceeded: one operation asks for ${indicators} indicators`,
  );

/**
 * The token limit is checked while parsing, a throw Apollo answers with 500 and graphql-armor rethrows
 * without status: thrown again first, as the client's doing (400, QUERY_LIMIT_EXCEEDED).
 */
const refusalStatus: ApolloServerPlugin = {
  async unexpectedErrorProcessingRequest({ error }) {
    if (LIMIT_REFUSAL.test(error.message))
      throw new GraphQLError(error.message, {
        extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, http: { status: 400 } },
      });
  },
};

/** graphql-armor's protection for Apollo Server: validation rules and plugins to spread into its options. */
export function useQueryLimits(limits: QueryLimits, options: { production: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions ("did you mean…") map the schema for whoever probes it: off in production.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  return {
    validationRules: [
      ...armor.validationRules,
      tariffYearsRule(limits.maxTariffYears),
      indicatorsRule(limits.maxIndicators),
    ],
    // Before graphql-armor's: the first throw is the one answered.
    plugins: [refusalStatus, ...armor.plugins],
  };
}

/** graphql-armor's refusals, by their message, get the hub's stable code. */
const LIMIT_REFUSAL = /(depth|aliases|token|cost|directives|tariff years|indicators) limit/i;

export function withLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!LIMIT_REFUSAL.test(formatted.message)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_LIMIT_EXCEEDED } };
}

import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@hub/schema';
import type { GraphQLFormattedError } from 'graphql';

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
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 4000,
  maxCost: 20_000,
  maxDirectives: 30,
};

/** graphql-armor's protection for Apollo Server: validation rules and plugins to spread into its options. */
export function useQueryLimits(limits: QueryLimits, options: { production: boolean }) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions ("did you mean…") map the schema for whoever probes it: off in production.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
}

/** graphql-armor's refusals, by their message, get the hub's stable code. */
const LIMIT_REFUSAL = /(depth|aliases|token|cost|directives) limit/i;

export function withLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!LIMIT_REFUSAL.test(formatted.message)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_LIMIT_EXCEEDED } };
}

import { isSourceError } from '@hub/connector-kit';
import { ErrorCode } from '@hub/schema';
import type { GraphQLFormattedError } from 'graphql';
import { type GraphQLError } from 'graphql';

/**
 * What a client sees of an error. Source errors name their source (`extensions.source`) with a stable code;
 * other unexpected errors are masked in production, their detail left to the logs.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as GraphQLError | undefined)?.originalError;
    if (isSourceError(original)) {
      return {
        ...formatted,
        message: production ? `${original.source} is unavailable` : formatted.message,
        extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source: original.source },
      };
    }
    const code = formatted.extensions?.code;
    if (production && (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR)) {
      return {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    return formatted;
  };
}

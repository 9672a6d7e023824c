import { ErrorCode } from '@hub/schema';
import { isSourceError } from '@hub/source-kit';
import type { GraphQLFormattedError } from 'graphql';
import { type GraphQLError } from 'graphql';
import { logger } from './logger';

/** A source failing under load fails every request: its cause is logged once per this window. */
const SOURCE_LOG_WINDOW_MS = 30_000;
const lastLogged = new Map<string, { at: number; suppressed: number }>();

/** Logs why a source could not be read (the client sees only its name): once per window per cause. */
function logSourceError(source: string, cause: string, path: GraphQLFormattedError['path']): void {
  const key = `${source}\n${cause}`;
  const now = Date.now();
  const last = lastLogged.get(key);
  if (last && now - last.at < SOURCE_LOG_WINDOW_MS) {
    last.suppressed++;
    return;
  }
  // Causes are few (one per source and failure); the map is bounded all the same.
  if (lastLogged.size >= 100) lastLogged.clear();
  lastLogged.set(key, { at: now, suppressed: 0 });
  logger.warn({ source, cause, path, repeatsNotLogged: last?.suppressed ?? 0 }, 'source unavailable');
}

/**
 * What a client sees of an error. Source errors name their source (`extensions.source`) with a stable code;
 * other unexpected errors are masked in production, their detail left to the logs.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as GraphQLError | undefined)?.originalError;
    if (isSourceError(original)) {
      logSourceError(original.source, original.message, formatted.path);
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

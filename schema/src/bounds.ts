import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/**
 * How much a client may send: every string and list argument, checked once per request before anything
 * runs (the kit's `useInputBounds`), and a search's words, so that a filter's work is the same for any text
 * a client types (a 50 KB search once kept the site subgraph busy for 26 s).
 */
export const INPUT_BOUNDS = {
  /** Characters of any string argument: a name, a code, a cursor, a search. */
  maxStringLength: 1_000,
  /** Items of any list argument: ids to merge, records to split off. */
  maxListLength: 100,
  /** Words a search looks for; every one must be found. */
  maxSearchWords: 8,
  /** Characters of a search word: longer than any designation's word. */
  maxSearchWordLength: 40,
} as const;

const boundsError = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

/** The words of a search, refused beyond the bounds: `argument` names it in the refusal. */
export function searchWords(search: string, argument: string, split: (text: string) => string[]): string[] {
  const words = split(search);
  if (words.length > INPUT_BOUNDS.maxSearchWords)
    throw boundsError(
      `${argument} has ${words.length} words; a search takes at most ${INPUT_BOUNDS.maxSearchWords}`,
    );
  const long = words.find((w) => w.length > INPUT_BOUNDS.maxSearchWordLength);
  if (long)
    throw boundsError(
      `${argument} has a word of ${long.length} characters; at most ${INPUT_BOUNDS.maxSearchWordLength}`,
    );
  return words;
}

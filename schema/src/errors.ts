import { registerEnumType } from 'type-graphql';

/**
 * Error codes clients can rely on, in `errors[].extensions.code`. Never renamed; new ones are added.
 */
export enum ErrorCode {
  /** A tutelle's source (database, files, API) could not be read; `extensions.source` names it. */
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
  /** The caller's role does not allow this field (salaries, individual HR records). */
  FORBIDDEN = 'FORBIDDEN',
  /** The bearer token is missing where required, malformed, expired or not signed by a trusted key. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** An argument is out of range or malformed (page size, cursor, date). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The operation asks too much at once (depth, aliases, size, cost); `message` says which limit. */
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
  /**
   * An edit was made on a version that is no longer the current one (someone else changed the thing since it
   * was read); nothing was changed. `extensions.currentVersion` is the version to read again.
   */
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  /** The thing asked for does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /**
   * A decision or edit conflicts with the data as it now is (another decision changed it first, or the
   * result would break a rule); `extensions.reason` says which, the message says what to do.
   */
  CONFLICT = 'CONFLICT',
  /** A bug or an unexpected failure on the hub's side; details are in the server's logs. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable codes of `errors[].extensions.code`.',
});

/**
 * Errors a connector raises about its source. They keep the driver's error as `cause` (for logs) and name
 * the source (for clients): `UL/sifac`, `CNRS/inventaire`, `CHRU/gmao`.
 */
export class SourceError extends Error {
  constructor(
    message: string,
    /** Which source: tutelle and system, 'UL/sifac'. Shown to clients in `extensions.source`. */
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The source cannot be reached or did not answer in time: the answer degrades, the graph stays up. */
export class SourceUnavailableError extends SourceError {}

/** The source answered something the connector cannot read (schema changed, bad credentials). */
export class SourceContractError extends SourceError {}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}

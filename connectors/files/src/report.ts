import type { ReadSummary } from '@hub/source-kit';

/** One row a read could not use, and why: `personnels_recherche.csv:12`, `…xlsx#Equipements:7`. */
export interface RowProblem {
  /** Which source: 'CHRU/personnels', 'INRAE/extraction'. */
  source: string;
  location: string;
  reason: string;
}

/**
 * What one read of a file did with its rows. Files are dropped by hand with mistakes in them: a read
 * never drops a row silently. The reader counts every data row it reads (`see`); each row then ends
 * `accept`ed by the mapper or `reject`ed (by the reader or the mapper) with its reason, so once the read
 * is done `seen === mapped + rejected`, and a difference is a row someone forgot.
 */
export class ReadReport {
  readonly problems: RowProblem[] = [];
  private counts = { seen: 0, mapped: 0, rejected: 0 };

  constructor(readonly source: string) {}

  get seen(): number {
    return this.counts.seen;
  }

  get mapped(): number {
    return this.counts.mapped;
  }

  get rejected(): number {
    return this.counts.rejected;
  }

  /** The reader read one more data row. */
  see(): void {
    this.counts.seen++;
  }

  /** The row became a record. */
  accept(): void {
    this.counts.mapped++;
  }

  /** The row was not used: `location` names it, `reason` says why (shown to whoever fixes the file). */
  reject(location: string, reason: string): void {
    this.counts.rejected++;
    this.problems.push({ source: this.source, location, reason });
  }

  /** The counts and problems, as a connector's snapshot reports its reads. */
  summary(): ReadSummary {
    return {
      source: this.source,
      seen: this.seen,
      mapped: this.mapped,
      rejected: this.rejected,
      problems: this.problems.map(({ location, reason }) => ({ location, reason })),
    };
  }
}

import { hostname } from 'node:os';
import type { EntityManager } from '@mikro-orm/core';

/*
 * A job that must run once at a time whoever starts it (a replica, the CronJob, an operator's `hub
 * inventory sync`): a lease row in the hub's database, PostgreSQL or SQLite alike. Taken by one atomic
 * upsert that only overwrites an expired lease; renewed every third of its length while the job runs; given
 * back at the end. A holder that crashed stops renewing, so its lease lapses after `leaseMs` and the next
 * start takes it over: nothing blocks for longer than that. A holder that could not renew in time (paused,
 * cut off from the database) learns it lost the lease and stops at its next step.
 */

export const DEFAULT_LEASE_MS = 60_000;

export interface JobLeaseOptions {
  /** How long a lease lasts without renewal: the longest a crashed holder blocks the job. */
  leaseMs?: number;
  /** Wait for the holder to finish (polling at a tenth of the lease) rather than refuse at once. */
  wait?: boolean;
  /** Who asks, shown to whoever finds the job held: the pod's host name and process id by default. */
  holder?: string;
}

/** The job is running elsewhere: who holds it, since when, and until when its lease lasts unrenewed. */
export class JobHeldError extends Error {
  constructor(
    readonly job: string,
    readonly holder: string,
    readonly since: string,
    readonly until: Date,
  ) {
    super(
      `${job} is already running: held by ${holder} since ${since} (its lease lapses at ${until.toISOString()} unless renewed)`,
    );
    this.name = 'JobHeldError';
  }
}

/** A job's lease was taken over while it ran (it could not renew in time): it must stop. */
export class JobLeaseLostError extends Error {
  constructor(readonly job: string) {
    super(`${job}: the lease was lost while running (not renewed in time); stopped`);
    this.name = 'JobLeaseLostError';
  }
}

interface LeaseRow {
  holder: string;
  acquired_at: string;
  expires_at: string | number;
}

/** What a job sees of its lease while it runs: `check()` throws once it was lost. */
export interface HeldLease {
  readonly signal: AbortSignal;
  check(): void;
}

export async function withJobLease<T>(
  em: EntityManager,
  job: string,
  run: (lease: HeldLease) => Promise<T>,
  options: JobLeaseOptions = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = options.holder ?? `${hostname()}:${process.pid}`;
  const connection = em.getConnection();
  for (;;) {
    const now = Date.now();
    await connection.execute(
      `insert into job_lease (name, holder, acquired_at, expires_at) values (?, ?, ?, ?)
       on conflict (name) do update set holder = excluded.holder, acquired_at = excluded.acquired_at,
         expires_at = excluded.expires_at
       where job_lease.expires_at < ?`,
      [job, holder, new Date(now).toISOString(), now + leaseMs, now],
    );
    const [row] = await connection.execute<LeaseRow[]>(
      'select holder, acquired_at, expires_at from job_lease where name = ?',
      [job],
    );
    if (row?.holder === holder) break;
    if (!row) continue;
    const held = new JobHeldError(job, row.holder, row.acquired_at, new Date(Number(row.expires_at)));
    if (!options.wait) throw held;
    await new Promise((resolve) => setTimeout(resolve, Math.max(50, leaseMs / 10)));
  }
  const lost = new AbortController();
  const renew = setInterval(() => {
    connection
      .execute(
        'update job_lease set expires_at = ? where name = ? and holder = ?',
        [Date.now() + leaseMs, job, holder],
        'run',
      )
      .then((result: { affectedRows?: number }) => {
        if (result.affectedRows === 0) lost.abort(new JobLeaseLostError(job));
      })
      .catch(() => {
        // A renewal that failed is retried at the next tick; the lease lasts three of them.
      });
  }, leaseMs / 3);
  try {
    return await run({
      signal: lost.signal,
      check: () => {
        if (lost.signal.aborted) throw lost.signal.reason;
      },
    });
  } finally {
    clearInterval(renew);
    await connection.execute('delete from job_lease where name = ? and holder = ?', [job, holder]);
  }
}

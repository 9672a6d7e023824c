import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { openSiteDatabase, type SiteDatabaseConfig, type SiteOrm } from '../database';
import { JobHeldError, JobLeaseLostError, withJobLease } from './job-lease';

/** A job once at a time across processes, on both of the hub's databases: held, waited for, taken over. */
describe.each(['postgresql', 'sqlite'] as const)('the job lease on %s', (kind) => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let dir: string | undefined;
  let config: SiteDatabaseConfig;
  let orms: SiteOrm[];

  beforeAll(async () => {
    if (kind === 'postgresql') {
      database = await createPostgresDatabase();
      config = { kind, url: database.url };
    } else {
      dir = mkdtempSync(path.join(tmpdir(), 'hub-lease-'));
      config = { kind, file: path.join(dir, 'site.sqlite') };
    }
    // Two replicas opening the same PostgreSQL database at once: their migrations run one after the other.
    // (SQLite is one process's file: opened in turn.)
    orms =
      kind === 'postgresql'
        ? await Promise.all([openSiteDatabase(config), openSiteDatabase(config)])
        : [await openSiteDatabase(config), await openSiteDatabase(config)];
  });
  afterAll(async () => {
    for (const orm of orms ?? []) await orm.close(true);
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second start, naming who holds the job, and lets it run once the first is done', async () => {
    const [a, b] = orms as [SiteOrm, SiteOrm];
    let release!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const first = withJobLease(
      a.em,
      'sync',
      () => {
        started();
        return new Promise<string>((resolve) => (release = () => resolve('first')));
      },
      { holder: 'pod-a:1' },
    );
    await holding;
    const refused = await withJobLease(b.em, 'sync', async () => 'second', { holder: 'pod-b:1' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(JobHeldError);
    expect((refused as JobHeldError).holder).toBe('pod-a:1');
    expect((refused as Error).message).toMatch(/held by pod-a:1 since \d{4}-/);
    const waiting = withJobLease(b.em, 'sync', async () => 'second', {
      holder: 'pod-b:1',
      wait: true,
      leaseMs: 1_000,
    });
    release();
    expect(await first).toBe('first');
    expect(await waiting).toBe('second');
  });

  it('takes over the lease of a holder that crashed once it lapses, and the crashed one learns it lost it', async () => {
    const [a, b] = orms as [SiteOrm, SiteOrm];
    // A holder that crashed: its row stays, and nobody renews it.
    await a.em
      .getConnection()
      .execute('insert into job_lease (name, holder, acquired_at, expires_at) values (?, ?, ?, ?)', [
        'crashed',
        'pod-gone:7',
        new Date().toISOString(),
        Date.now() + 300,
      ]);
    await expect(withJobLease(b.em, 'crashed', async () => 'x', { holder: 'pod-b:2' })).rejects.toThrow(
      /held by pod-gone:7/,
    );
    expect(
      await withJobLease(b.em, 'crashed', async () => 'taken over', {
        holder: 'pod-b:2',
        wait: true,
        leaseMs: 300,
      }),
    ).toBe('taken over');

    // A holder whose lease was taken while it ran is told so at its next step.
    const outcome = await withJobLease(
      a.em,
      'stolen',
      async (lease) => {
        await b.em
          .getConnection()
          .execute("update job_lease set holder = 'pod-thief:9' where name = 'stolen'");
        await new Promise((resolve) => lease.signal.addEventListener('abort', resolve));
        return (() => {
          try {
            lease.check();
            return 'kept';
          } catch (error) {
            return error;
          }
        })();
      },
      { holder: 'pod-a:3', leaseMs: 300 },
    );
    expect(outcome).toBeInstanceOf(JobLeaseLostError);
  });
});

import pg from 'pg';

/** Any constant of our own: the advisory lock the site's replicas take around their schema migrations. */
const MIGRATION_LOCK = 7_190_419;

/**
 * Replicas starting together (a Deployment's pods, a rollout) would each run the same pending migration and
 * all but one fail on a table that now exists. A PostgreSQL advisory lock, held on a connection of its own
 * for the migration's length, makes the others wait and then find nothing left to do; a replica that dies
 * while migrating closes its connection, which releases the lock.
 */
export async function migrateOneAtATime<T>(url: string, migrate: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'hub site migration' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await migrate();
  } finally {
    await client.end();
  }
}

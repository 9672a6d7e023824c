import { CnrsConnector } from '@hub/connector-cnrs';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { createMariadbDatabase } from '@hub/connector-sql/testing';
import { loadCnrsMariadb } from '@hub/ops';
import { type Connection, createConnection } from 'mariadb';
import { expectCancelled } from './cancelled-reads';

/*
 * As on PostgreSQL: CNRS's replica made slow (its inventory behind a view that sleeps 30 s), a read whose
 * caller aborts must leave SHOW PROCESSLIST soon after (KILL QUERY), not when the sleep or the source's
 * timeout (a minute here) ends it.
 */
describe('CNRS reads on MariaDB, their caller gone', () => {
  let database: Awaited<ReturnType<typeof createMariadbDatabase>>;
  let admin: Connection;

  /** CNRS's statements on the slow view running now. */
  const running = async () => {
    const rows: Array<{ INFO: string | null; ID: number }> = await admin.query(
      `SELECT ID, INFO FROM information_schema.PROCESSLIST
        WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID() AND INFO LIKE '%inventaire%'`,
      [database.name],
    );
    return rows.length;
  };

  beforeAll(async () => {
    database = await createMariadbDatabase();
    await loadCnrsMariadb(CNRS_FIXTURE, database.url);
    admin = await createConnection(database.url);
    await admin.query('RENAME TABLE inventaire TO inventaire_rows');
    await admin.query(
      'CREATE VIEW inventaire AS SELECT r.* FROM inventaire_rows r JOIN (SELECT SLEEP(30) AS slept) s',
    );
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('kills the running query when the signal aborts', async () => {
    const cnrs = await CnrsConnector.connect({
      database: { kind: 'mariadb', url: database.url, timeoutMs: 60_000 },
      schema: database.name,
    });
    try {
      await expectCancelled(
        (signal) => cnrs.inventoryByCostCentres(['CNRSONLY'], { signal }),
        running,
        'caller gone',
      );
    } finally {
      await cnrs.close();
    }
  });
});

import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { UlConnector } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { loadUlPostgres } from '@hub/ops';
import { gatewaySecret, type RunningServer, SIGNATURE_HEADER, signGatewayRequest } from '@hub/service-kit';
import { startTutelleSubgraph } from '@hub/tutelle-subgraph';
import pg from 'pg';
import { startSubgraphsAndGateway } from '../src/harness';
import { until } from '../src/until';
import { expectCancelled } from './cancelled-reads';

/*
 * A read whose caller has gone stops at the source: UL's replica made slow (its assets' table behind a view
 * that sleeps 30 s), the statement must leave pg_stat_activity soon after the caller aborts, long before the
 * sleep or the source's statement timeout (a minute here) would end it.
 */
describe('UL reads on PostgreSQL, their caller gone', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let admin: pg.Client;
  const database_ = { kind: 'postgresql' as const, timeoutMs: 60_000 };

  /** UL's statements on the slow view running now. */
  const running = async () => {
    const { rows } = await admin.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
          AND query LIKE '%sifac.immobilisation%'`,
    );
    return rows.length;
  };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    await loadUlPostgres(UL_FIXTURE, database.url);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER TABLE sifac.immobilisation RENAME TO immobilisation_rows;
      CREATE VIEW sifac.immobilisation AS SELECT r.* FROM sifac.immobilisation_rows r, pg_sleep(30);`);
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('cancels the running statement when the signal aborts', async () => {
    const ul = await UlConnector.connect({ database: { ...database_, url: database.url } });
    try {
      await expectCancelled(
        (signal) => ul.inventoryByCostCentres(['PF-XGAMMA'], { signal }),
        running,
        'caller gone',
      );
      // The pool's connection was not spoiled: the next read runs (and is cancelled) alike.
      await expectCancelled(
        (signal) => ul.inventoryByIds(['UL:000020004512'], { signal }),
        running,
        'gone again',
      );
    } finally {
      await ul.close();
    }
  });

  it('stops the read when the client hangs up on the subgraph mid-request', async () => {
    const ul: RunningServer = await startTutelleSubgraph({
      connector: await UlConnector.connect({ database: { ...database_, url: database.url } }),
      port: 0,
    });
    try {
      const query = '{ ulCostCentre(code: "PF-XGAMMA") { equipment { totalCount } } }';
      const client = new AbortController();
      const answer = fetch(ul.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signGatewayRequest(gatewaySecret(), { query, variables: undefined }),
        },
        body: JSON.stringify({ query }),
        signal: client.signal,
      });
      answer.catch(() => undefined);
      await until(async () => (await running()) === 1);
      const started = performance.now();
      client.abort();
      await until(async () => (await running()) === 0);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await ul.close();
    }
  });

  it('stops the read when the gateway gives the subgraph up (its fetch’s deadline)', async () => {
    const hub = await startSubgraphsAndGateway({
      ul: { database: { ...database_, url: database.url }, asOf: () => '2026-01-01' },
      subgraphTimeoutMs: 1_000,
    });
    try {
      const answer = hub.query('{ ulCostCentre(code: "PF-XGAMMA") { equipment { totalCount } } }');
      await until(async () => (await running()) === 1);
      const { errors } = await answer;
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'subgraph/ul' });
      const answered = performance.now();
      await until(async () => (await running()) === 0);
      expect(performance.now() - answered).toBeLessThan(5_000);
    } finally {
      await hub.close();
    }
  });
});

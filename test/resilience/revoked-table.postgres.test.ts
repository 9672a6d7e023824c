import { randomBytes } from 'node:crypto';
import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { loadUlPostgres } from '@hub/ops';
import { logger } from '@hub/service-kit';
import pg from 'pg';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * An operator revokes the hub's read on one table of UL's replica: the hub's role still connects (so a
 * `select 1` says all is well), but every read of that table is refused. Clients get SOURCE_UNAVAILABLE;
 * UL's /ready must say 503 too, naming the table (the gateway stays ready: the rest of the graph serves), and
 * the cause must be in the logs.
 */
describe('a table of UL’s replica revoked', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let hub: Hub;
  const role = `hub_reader_${randomBytes(4).toString('hex')}`;
  const asAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    await loadUlPostgres(UL_FIXTURE, database.url);
    await asAdmin(`CREATE ROLE ${role} LOGIN;
      GRANT USAGE ON SCHEMA sifac, siham TO ${role};
      GRANT SELECT ON ALL TABLES IN SCHEMA sifac, siham TO ${role};`);
    const url = new URL(database.url);
    url.username = role;
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: url.toString() }, asOf: () => '2026-01-01' },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
    const admin = new pg.Client({ connectionString: new URL('/postgres', database.url).toString() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('answers SOURCE_UNAVAILABLE, turns /ready to 503 naming the table, and logs the cause', async () => {
    const ready = (url: string) => fetch(url.replace('/graphql', '/ready'));
    expect((await ready(hub.ul.url)).status).toBe(200);

    await asAdmin(`REVOKE SELECT ON sifac.immobilisation FROM ${role}`);
    const warned = jest.spyOn(logger, 'warn');
    try {
      const { errors } = await hub.query('{ ulCostCentre(code: "PF-XGAMMA") { equipment { totalCount } } }');
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'UL/sifac+siham' });
      expect(warned).toHaveBeenCalledWith(
        expect.objectContaining({
          source: 'UL/sifac+siham',
          cause: expect.stringMatching(/permission denied for table immobilisation/),
        }),
        'source unavailable',
      );
    } finally {
      warned.mockRestore();
    }

    const ul = await ready(hub.ul.url);
    expect(ul.status).toBe(503);
    expect(await ul.json()).toMatchObject({
      status: 'degraded',
      sources: [
        {
          source: 'UL/sifac+siham',
          up: false,
          error: expect.stringMatching(/sifac\.immobilisation: .*permission denied/),
        },
      ],
    });
    // The gateway stays in rotation, degraded: every replica would see UL alike, and the rest still serves.
    const gateway = await ready(hub.gatewayUrl);
    expect(gateway.status).toBe(200);
    expect(await gateway.json()).toMatchObject({ status: 'degraded' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeUlSqlite } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/subgraph-kit';
import { ulSqliteDatabase } from '@hub/subgraph-ul';
import { UL_FIXTURE } from '../fixtures/ul-source';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const STAFF = /* GraphQL */ `{
  platform(code: "XGAMMA") {
    staffCount
    staff { share member { id grade firstName lastName assignments { unitCode fte yearlyCost { amount basis } } } }
  }
}`;

describe('personal data needs the right role', () => {
  let dir: string;
  let hub: Hub;
  const token = (roles: Role[]) => mintToken(jwtSecret(), { subject: 'test', roles });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-roles-'));
    writeUlSqlite(UL_FIXTURE, dir);
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(__dirname, '../fixtures/registry.yaml'),
      ul: { database: ulSqliteDatabase(dir) },
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the public the staff count and grades, never names or costs', async () => {
    const { data, errors } = await hub.query(STAFF);
    expect(data?.platform.staffCount).toBe(3);
    const marie = data?.platform.staff[0].member;
    expect(marie).toEqual({
      id: 'UL:00123456',
      grade: 'IGR',
      firstName: null,
      lastName: null,
      assignments: null,
    });
    expect(new Set(errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('shows a platform manager names and assignments, not salaries', async () => {
    const { data, errors } = await hub.query(STAFF, { token: await token([Role.PLATFORM]) });
    const marie = data?.platform.staff[0].member;
    expect(marie).toMatchObject({ firstName: 'Marie', lastName: 'DUPONT' });
    expect(marie.assignments).toEqual([{ unitCode: 'UMR7198', fte: 0.8, yearlyCost: null }]);
    expect(errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual(
      expect.arrayContaining([['FORBIDDEN', 'yearlyCost']]),
    );
  });

  it('shows central services the loaded yearly cost', async () => {
    const { data, errors } = await hub.query(STAFF, { token: await token([Role.CENTRAL]) });
    expect(errors).toBeUndefined();
    expect(data?.platform.staff[1].member.assignments).toEqual([
      { unitCode: 'UMR7198', fte: 1, yearlyCost: { amount: 48000, basis: 'HT' } },
    ]);
  });

  it('refuses a token it did not sign, at the gateway and at the subgraph', async () => {
    const forged = await mintToken(new TextEncoder().encode('not-the-hub-key'), {
      subject: 'x',
      roles: [Role.ADMIN],
    });
    for (const url of [hub.gatewayUrl, hub.ul.url]) {
      const { data, errors } = await hub.query('{ __typename }', { token: forged, url });
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

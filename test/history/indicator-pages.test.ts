import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * An indicator's rows by pages, through the gateway, on the fixtures' site: by platform they are as many as
 * the registry's platforms, so a page is bounded (500 at most) and the next one starts after the last key.
 */

type Row = { key: string; headcount: number | null };

describe('indicator rows by pages', () => {
  let hub: Hub;
  let steering: string;

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
    steering = await mintToken(jwtSecret(), { subject: 'coris', roles: [Role.STEERING] });
  });
  afterAll(() => hub?.close());

  const staff = async (args: string) => {
    const answer = await hub.query(
      `{ corisStaff(year: 2025, groupBy: PLATFORM) { rowCount rows${args} { key headcount } total { headcount } } }`,
      { token: steering },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.corisStaff as { rowCount: number; rows: Row[]; total: { headcount: number } };
  };

  it('gives every row once over the pages, in key order, with the same total on each', async () => {
    const all = await staff('');
    expect(all.rows.length).toBe(all.rowCount);
    expect(all.rowCount).toBeGreaterThanOrEqual(2);
    const paged: Row[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < all.rowCount; pages++) {
      const page = await staff(`(first: 1${after ? `, after: "${after}"` : ''})`);
      expect(page.rowCount).toBe(all.rowCount);
      expect(page.total).toEqual(all.total);
      expect(page.rows.length).toBeLessThanOrEqual(1);
      if (page.rows.length === 0) break;
      paged.push(...page.rows);
      after = page.rows.at(-1)!.key;
    }
    expect(paged).toEqual(all.rows);
    expect(paged.map((r) => r.key)).toEqual([...paged.map((r) => r.key)].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses a page larger than 500', async () => {
    const answer = await hub.query('{ corisEquipment(groupBy: PLATFORM) { rows(first: 501) { key } } }', {
      token: steering,
    });
    expect(answer.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'first must be between 0 and 500, got 501'],
    ]);
  });
});

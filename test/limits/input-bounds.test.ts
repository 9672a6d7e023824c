import { INPUT_BOUNDS, Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/**
 * Every string and list a client sends is bounded before a resolver runs, and a search's work does not grow
 * with its text: a 50 KB `search` once kept the site subgraph busy for 26 s.
 */
describe('bounded inputs', () => {
  jest.setTimeout(60_000);
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
    await hub.site.inventory.sync();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const refusal = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const { data, errors } = await hub.query(query, { variables, ...(token ? { token } : {}) });
    expect(Object.values(data ?? {}).filter((v) => v != null)).toEqual([]);
    return errors?.map((e) => [e.extensions?.code, e.message]);
  };

  it('refuses a 50 KB search on the site inventory at once, naming the argument', async () => {
    const started = process.hrtime.bigint();
    const search = Array.from({ length: 10_000 }, (_, i) => `w${i}`).join(' ');
    expect(
      await refusal('query($s: String) { siteInventory(filter: { search: $s }) { totalCount } }', {
        s: search,
      }),
    ).toEqual([['BAD_USER_INPUT', expect.stringMatching(/filter\.search/)]]);
    // Refused before any work: far below the 26 s it took (generous for a loaded machine).
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
  });

  it('refuses a search of more words than a search uses, and a word longer than any indexed', async () => {
    const many = Array.from({ length: INPUT_BOUNDS.maxSearchWords + 1 }, (_, i) => `w${i}`).join(' ');
    const query = 'query($s: String) { platforms(filter: { search: $s }) { totalCount } }';
    expect(await refusal(query, { s: many })).toEqual([['BAD_USER_INPUT', expect.stringMatching(/words/)]]);
    expect(await refusal(query, { s: 'x'.repeat(INPUT_BOUNDS.maxSearchWordLength + 1) })).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/characters/)],
    ]);
  });

  it('answers a search within the bounds', async () => {
    const { data, errors } = await hub.query(
      '{ siteInventory(filter: { search: "microscope zeiss" }) { totalCount } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.siteInventory.totalCount).toBeGreaterThan(0);
  });

  it('refuses a list longer than the bound (ids of a merge)', async () => {
    const token = await mintToken(jwtSecret(), { subject: 'admin@univ-lorraine.fr', roles: [Role.ADMIN] });
    const ids = Array.from({ length: INPUT_BOUNDS.maxListLength + 1 }, (_, i) => `EQ-UL:${i}`);
    expect(
      await refusal('mutation($ids: [ID!]!) { mergeEquipment(ids: $ids) { kind } }', { ids }, token),
    ).toEqual([['BAD_USER_INPUT', expect.stringMatching(/ids/)]]);
  });

  it('refuses a string longer than the bound anywhere (a unit code)', async () => {
    const unit = 'U'.repeat(INPUT_BOUNDS.maxStringLength + 1);
    expect(
      await refusal('query($u: String) { platforms(filter: { unit: $u }) { totalCount } }', { u: unit }),
    ).toEqual([['BAD_USER_INPUT', expect.stringMatching(/filter\.unit/)]]);
  });
});

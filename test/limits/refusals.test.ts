import { DEFAULT_QUERY_LIMITS } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** A refusal is the client's fault: a 4xx with the stable code, never a 500. */
describe('refusals at the gateway', () => {
  jest.setTimeout(60_000);
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers an oversized document 400 QUERY_LIMIT_EXCEEDED', async () => {
    const fields = Array.from({ length: DEFAULT_QUERY_LIMITS.maxTokens }, () => 'totalCount').join(' ');
    const { status, errors } = await hub.query(`{ platforms { ${fields} } }`);
    expect(status).toBe(400);
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LIMIT_EXCEEDED']);
  });

  it('counts each year of tariffs asked for: many years in one operation are refused', async () => {
    const years = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxTariffYears + 1 },
      (_, i) => `y${i}: tariffs(year: ${2015 + i}) { year }`,
    );
    const { status, errors } = await hub.query(`{ platforms(first: 100) { nodes { ${years.join(' ')} } } }`);
    expect(status).toBe(400);
    expect(errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/tariff years limit/i)],
    ]);
    const within = await hub.query(
      `{ platform(code: "XGAMMA") { a: tariffs(year: 2024) { year } b: tariffs(year: 2025) { year } } }`,
    );
    expect(within.errors).toBeUndefined();
  });

  it('counts each indicator asked for: more than the limit in one operation are refused', async () => {
    const indicators = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxIndicators + 1 },
      (_, i) => `y${i}: corisStaff(year: ${2015 + i}, groupBy: TUTELLE) { year }`,
    );
    const { status, errors } = await hub.query(`{ ${indicators.join(' ')} }`);
    expect(status).toBe(400);
    expect(errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/indicators limit/i)],
    ]);
    // The same indicator under two aliases, and every platform's series of a list, count once each.
    const within = await hub.query(
      `{ a: corisLabels(withinMonths: 6) { withinMonths } b: corisLabels(withinMonths: 6) { withinMonths }
         platforms(first: 100) { nodes { history(fromYear: 2024, toYear: 2025) { asOf } } } }`,
    );
    expect(within.errors).toBeUndefined();
  });
});

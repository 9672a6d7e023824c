import { DEFAULT_QUERY_LIMITS } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** The portal's deepest query: platform → cost centre → equipment → value, depth 7. */
const PORTAL_QUERY = '{ platforms { nodes { costCentres { equipment { nodes { valueHT { amount } } } } } } }';

/**
 * The gateway refuses abusive operations before planning them, with a code clients can rely on. The graph
 * has no cycle deep enough to pass the default depth limit, so this hub runs with a depth limit of 6.
 */
describe('query limits at the gateway', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      limits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 6 },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const refusal = async (query: string) => {
    const { data, errors } = await hub.query(query);
    expect(data ?? null).toBeNull();
    return errors?.map((e) => [e.extensions?.code, e.message]);
  };

  it('answers a query within every limit', async () => {
    expect(
      (await hub.query('{ platforms { nodes { costCentres { equipment { totalCount } } } } }')).errors,
    ).toBeUndefined();
  });

  it('refuses a query nested deeper than the limit', async () => {
    expect(await refusal(PORTAL_QUERY)).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/depth limit/i)],
    ]);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `p${i}: platforms { totalCount }`,
    );
    expect(await refusal(`{ ${aliases.join(' ')} }`)).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/aliases limit/i)],
    ]);
  });

  it('refuses an oversized document', async () => {
    const fields = Array.from({ length: DEFAULT_QUERY_LIMITS.maxTokens }, () => 'totalCount').join(' ');
    expect(await refusal(`{ platforms { ${fields} } }`)).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/token limit/i)],
    ]);
  });

  it('refuses a query that costs more than the limit', async () => {
    // Within the depth limit, but 500 platforms × 500 records each: cost grows with the page sizes asked.
    const query =
      '{ platforms(first: 500) { nodes { costCentres { equipment(first: 500) { nodes { designation } } } } } }';
    expect(await refusal(query)).toEqual([['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/cost limit/i)]]);
  });

  it('refuses too many directives', async () => {
    const fields = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxDirectives + 1 },
      () => 'totalCount @include(if: true)',
    );
    expect(await refusal(`{ platforms { ${fields.join(' ')} } }`)).toEqual([
      ['QUERY_LIMIT_EXCEEDED', expect.stringMatching(/directives limit/i)],
    ]);
  });

  it('refuses a page larger than 500', async () => {
    const { data, errors } = await hub.query('{ platforms(first: 501) { totalCount } }');
    expect(data ?? null).toBeNull();
    expect(errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', expect.stringMatching(/between 0 and 500/)],
    ]);
  });

  it('refuses a request body over 1 MB, and one that is not JSON, with a code', async () => {
    const post = async (body: string) => {
      const response = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const big = await post(
      JSON.stringify({ query: '{ platforms { totalCount } }', padding: 'x'.repeat(1_100_000) }),
    );
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
    const garbled = await post('{ "query": ');
    expect(garbled.status).toBe(400);
    expect(garbled.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

/** In production: no introspection, no field suggestions, internal errors masked but coded. */
describe('a production gateway', () => {
  let hub: Hub;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      NODE_ENV: 'production',
      HUB_JWT_SECRET: 'production-test-jwt-key',
      HUB_GATEWAY_SECRET: 'production-test-gateway-key',
    });
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
    });
  });
  afterAll(async () => {
    await hub?.close();
    process.env = saved;
  });

  it('refuses introspection', async () => {
    const { data, errors } = await hub.query('{ __schema { types { name } } }');
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('suggests no field names', async () => {
    const { errors } = await hub.query('{ platfrms { totalCount } }');
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it("names an unavailable source without its driver's detail", async () => {
    const { errors } = await hub.query('{ ulStaffMember(id: "UL:00123456") { grade } }');
    expect(errors?.[0]).toMatchObject({
      message: 'UL/sifac+siham is unavailable',
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'UL/sifac+siham' },
    });
    expect(JSON.stringify(errors)).not.toMatch(/ECONNREFUSED|stacktrace/i);
  });
});

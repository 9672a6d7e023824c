import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeUlSqlite } from '@hub/ops';
import { DEFAULT_QUERY_LIMITS } from '@hub/subgraph-kit';
import { ulSqliteDatabase } from '@hub/subgraph-ul';
import { UL_FIXTURE } from '../fixtures/ul-source';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** The portal's deepest query: platform → cost centre → equipment → value, depth 7. */
const PORTAL_QUERY = '{ platforms { nodes { costCentres { equipment { nodes { valueHT { amount } } } } } } }';

/**
 * The gateway refuses abusive operations before planning them, with a code clients can rely on. The graph
 * has no cycle deep enough to pass the default depth limit, so this hub runs with a depth limit of 6.
 */
describe('query limits at the gateway', () => {
  let dir: string;
  let hub: Hub;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-limits-'));
    writeUlSqlite(UL_FIXTURE, dir);
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(__dirname, '../fixtures/registry.yaml'),
      ul: { database: ulSqliteDatabase(dir) },
      limits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 6 },
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
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
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { type UlRows, writeUlSqlite } from '@hub/ops';
import { stringify } from 'yaml';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/**
 * One query of the platforms' equipment and staff must cost UL's replica the same number of SQL statements
 * for 1 platform as for 500: the gateway batches entity fetches, the subgraph batches them into one read.
 */
const QUERY = /* GraphQL */ `
  query PlatformSheets($first: Int!) {
    platforms(first: $first) {
      nodes {
        code
        costCentres { equipment { totalCount nodes { id valueHT { amount } } } }
        staff { share member { id grade } }
      }
    }
  }
`;

function site(platforms: number) {
  const code = (i: number) => `P${String(i).padStart(4, '0')}`;
  const matricule = (i: number) => String(10_000_000 + i);
  const registry = {
    platforms: Array.from({ length: platforms }, (_, i) => ({
      code: code(i),
      name: `Plateforme ${i}`,
      units: ['UMR7198'],
      tutelles: ['UL'],
      costCentres: { UL: [`PF-${code(i)}`] },
      staff: [{ tutelle: 'UL', id: matricule(i), share: 0.5 }],
    })),
  };
  const rows: UlRows = {
    immobilisation: registry.platforms.flatMap((p, i) =>
      [0, 1].map((k) => ({
        ...UL_FIXTURE.immobilisation[0]!,
        num_immo: String(20_000_000 + i * 2 + k).padStart(12, '0'),
        designation: `INSTRUMENT ${i}-${k}`,
        centre_couts: `PF-${p.code}`,
      })),
    ),
    depense: [],
    agent: registry.platforms.map((_, i) => ({
      ...UL_FIXTURE.agent[0]!,
      matricule: matricule(i),
      corps: 'IGE',
    })),
    affectation: registry.platforms.map((_, i) => ({
      ...UL_FIXTURE.affectation[0]!,
      matricule: matricule(i),
    })),
  };
  return { registry, rows };
}

/** GraphQL operations a subgraph has answered, from its /metrics. */
async function operationsAnswered(subgraphUrl: string): Promise<number> {
  const text = await (await fetch(subgraphUrl.replace(/\/graphql$/, '/metrics'))).text();
  return [...text.matchAll(/^hub_graphql_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
}

async function statementsFor(
  platforms: number,
): Promise<{ statements: number; answered: number; ulRequests: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-batch-'));
  const { registry, rows } = site(platforms);
  writeFileSync(path.join(dir, 'registry.yaml'), stringify(registry));
  writeUlSqlite(rows, path.join(dir, 'ul'));
  let hub: Hub | undefined;
  try {
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(dir, 'registry.yaml'),
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
    });
    const before = hub.ul.connector.source.statementCount;
    const requestsBefore = await operationsAnswered(hub.ul.url);
    const { data, errors } = await hub.query(QUERY, { variables: { first: platforms } });
    expect(errors).toBeUndefined();
    const nodes = data?.platforms.nodes as Array<{
      costCentres: Array<{ equipment: { totalCount: number } }>;
      staff: Array<{ member: { grade: string } }>;
    }>;
    // Every platform answered in full: two instruments and its one staff member.
    const answered = nodes.filter(
      (p) => p.costCentres[0]?.equipment.totalCount === 2 && p.staff[0]?.member.grade === 'IGE',
    ).length;
    return {
      statements: hub.ul.connector.source.statementCount - before,
      answered,
      ulRequests: (await operationsAnswered(hub.ul.url)) - requestsBefore,
    };
  } finally {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

it('costs UL the same SQL statements for 1 platform as for 500', async () => {
  const one = await statementsFor(1);
  const many = await statementsFor(500);
  expect(one.answered).toBe(1);
  expect(many.answered).toBe(500);
  // Assets (one statement with their additions), agents and their assignments (two).
  expect(one.statements).toBe(3);
  expect(many.statements).toBe(one.statements);
  // Staff members and cost centres are fetched at the same step of the plan: one request to UL, not two.
  expect(one.ulRequests).toBe(1);
  expect(many.ulRequests).toBe(1);
});

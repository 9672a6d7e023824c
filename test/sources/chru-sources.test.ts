import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectChru } from '@hub/connector-chru';
import { CHRU_FIXTURE, type GmaoStandIn, startGmaoStandIn } from '@hub/connector-chru/testing';
import { writeChruSources } from '@hub/ops';

/**
 * The CHRU's GMAO API (through its stand-in: rate limit, 503s) and CSV exports (Windows-1252, damaged rows):
 * the read completes, the good rows all there, the bad ones reported with their place and reason.
 */
describe("the CHRU's sources", () => {
  let dir: string;
  let gmao: GmaoStandIn;
  // 1,234 items over 7 pages, as in docs/SOURCES.md's example; ours are the fixture's, repeated under other
  // ids.
  const items = Array.from({ length: 1234 }, (_, i) => ({
    ...CHRU_FIXTURE.equipements[i % 2]!,
    id: `GMAO-${String(i).padStart(6, '0')}`,
  }));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-chru-'));
    await writeChruSources(CHRU_FIXTURE, dir);
    gmao = await startGmaoStandIn({
      items,
      token: 't',
      rateLimitPerSecond: 3,
      faults: { status503Every: 3 },
    });
  });
  afterAll(async () => {
    await gmao?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every GMAO item through 429s and 503s, and the CSV exports with their bad rows reported', async () => {
    const connector = connectChru({
      // Paced above the stand-in's limit on purpose: its 429s must be absorbed.
      gmao: { baseUrl: gmao.url, token: 't', maxRequestsPerSecond: 50 },
      exportsFolder: dir,
    });
    const snapshot = await connector.snapshot();
    expect(gmao.stats.byStatus[429]).toBeGreaterThan(0);
    expect(gmao.stats.byStatus[503]).toBeGreaterThan(0);
    expect(snapshot.inventoryById.size).toBe(1234);
    const [api, staff, expenses] = snapshot.reads;
    expect(api).toMatchObject({ source: 'CHRU/gmao', seen: 1234, mapped: 1234, rejected: 0 });
    expect(staff).toMatchObject({ source: 'CHRU/personnels', seen: 1, mapped: 1, rejected: 0 });
    expect(expenses).toMatchObject({ source: 'CHRU/depenses', seen: 3, mapped: 1, rejected: 2 });
    expect(expenses?.problems).toEqual([
      { location: 'depenses_uf.csv:3', reason: expect.stringMatching(/^Date: .*31\/02\/2025/) },
      { location: 'depenses_uf.csv:4', reason: expect.stringMatching(/^Montant: .*douze/) },
    ]);
    // Windows-1252 survived: €, œ and ’; the decimal comma read; TTC → HT.
    const [expense] = (await connector.expensesByCostCentres(['4521'], 2025)).get('4521') ?? [];
    expect(expense).toMatchObject({
      label: 'Réactifs, sœur’s lot à 12 €',
      nature: 'CONSUMABLES',
      amount: { amount: 1234.56, basis: 'TTC' },
      amountHT: { amount: 1028.8 },
    });
    const member = (await connector.staffByIds(['CHRU:C0042'])).get('CHRU:C0042');
    expect(member).toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Hélène' });
    expect(member?.assignments?.[0]).toMatchObject({
      unitCode: '4521',
      fte: 0.5,
      yearlyCost: { amount: 45000.5 },
    });
  });

  it('reports an item the API returns without a price, and keeps the others', async () => {
    const small = await startGmaoStandIn({ items: CHRU_FIXTURE.equipements, token: 't' });
    try {
      const connector = connectChru({ gmao: { baseUrl: small.url, token: 't' }, exportsFolder: dir });
      const [api] = (await connector.snapshot()).reads;
      expect(api).toMatchObject({ seen: 4, mapped: 3, rejected: 1 });
      expect(api?.problems).toEqual([
        { location: 'GET /api/v1/equipements?page=1 item GMAO-004514', reason: 'valeurAchat is missing' },
      ]);
      const listed = (await connector.inventoryByCostCentres(['4521'])).get('4521')?.map((r) => r.id);
      expect(listed).toEqual(['CHRU:GMAO-004512', 'CHRU:GMAO-004513']);
    } finally {
      await small.close();
    }
  });

  it('names the GMAO when its token is refused', async () => {
    const connector = connectChru({ gmao: { baseUrl: gmao.url, token: 'wrong' }, exportsFolder: dir });
    await expect(connector.inventoryByCostCentres(['4521'])).rejects.toMatchObject({ source: 'CHRU/gmao' });
  });

  it('degrades each source alone: a refused GMAO hides no export, a missing HR export hides neither', async () => {
    const refused = connectChru({ gmao: { baseUrl: gmao.url, token: 'wrong' }, exportsFolder: dir });
    await expect(refused.inventoryByCostCentres(['4521'])).rejects.toMatchObject({ source: 'CHRU/gmao' });
    expect((await refused.staffByIds(['CHRU:C0042'])).get('CHRU:C0042')).toMatchObject({
      lastName: 'LEFÈVRE',
    });
    expect((await refused.expensesByCostCentres(['4521'], 2025)).get('4521')).toHaveLength(1);
    const health = await refused.health();
    expect(health.map((h) => [h.source, h.up])).toEqual([
      ['CHRU/gmao', false],
      ['CHRU/personnels', true],
      ['CHRU/depenses', true],
    ]);

    const small = await startGmaoStandIn({ items: CHRU_FIXTURE.equipements, token: 't' });
    const partial = mkdtempSync(path.join(os.tmpdir(), 'hub-chru-partial-'));
    try {
      await writeChruSources(CHRU_FIXTURE, partial);
      rmSync(path.join(partial, 'personnels_recherche.csv'));
      const connector = connectChru({ gmao: { baseUrl: small.url, token: 't' }, exportsFolder: partial });
      await expect(connector.staffByIds(['CHRU:C0042'])).rejects.toMatchObject({ source: 'CHRU/personnels' });
      expect((await connector.inventoryByCostCentres(['4521'])).get('4521')).toHaveLength(2);
      expect((await connector.expensesByCostCentres(['4521'], 2025)).get('4521')).toHaveLength(1);
    } finally {
      await small.close();
      rmSync(partial, { recursive: true, force: true });
    }
  });
});

import {
  createHttpJsonClient,
  fetchAllPages,
  type HttpJsonClientOptions,
  type Page,
} from '@hub/connector-http';
import { SourceContractError } from '@hub/source-kit';
import { type GmaoEquipement, type GmaoStandIn, type GmaoStandInOptions, startGmaoStandIn } from './gmao';

/*
 * The GMAO stand-in speaks docs/SOURCES.md's contract, and the HTTP client reads it whole through its rate
 * limit and its outages: real servers on port 0, real time, a few seconds in all.
 */

const TOKEN = 'gmao-test-token';
const LIST = '/api/v1/equipements';

function equipement(n: number): GmaoEquipement {
  return {
    id: `GMAO-${String(n).padStart(6, '0')}`,
    libelle: 'Spectromètre de masse',
    marque: 'Thermo Fisher',
    modele: 'Orbitrap Exploris 480',
    numeroSerie: `SN-EX48-${n}`,
    dateMiseEnService: '2019-03-14',
    valeurAchat: { montant: 612000.0, devise: 'EUR', ttc: true },
    dureeAmortissement: 7,
    uf: '4521',
    service: 'LABO BIOCHIMIE',
    etat: 'EN_SERVICE',
  };
}
const catalogue = (count: number) => Array.from({ length: count }, (_, i) => equipement(i + 1));

const started: GmaoStandIn[] = [];
afterAll(() => Promise.all(started.map((standIn) => standIn.close())));

async function standIn(options: Partial<GmaoStandInOptions> = {}): Promise<GmaoStandIn> {
  const server = await startGmaoStandIn({ items: catalogue(1234), token: TOKEN, ...options });
  started.push(server);
  return server;
}

function clientOf(server: GmaoStandIn, options: Partial<HttpJsonClientOptions> = {}) {
  return createHttpJsonClient({ source: 'CHRU/gmao', baseUrl: server.url, token: TOKEN, ...options });
}

async function readAll(read: AsyncIterable<{ item: GmaoEquipement; page: number }>) {
  const ids: string[] = [];
  for await (const { item } of read) ids.push(item.id);
  return ids;
}

describe('GMAO stand-in: the contract of docs/SOURCES.md', () => {
  const get = (server: GmaoStandIn, path: string, token: string | null = TOKEN) =>
    fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('pages items as { data, page, pageSize, total }, 100 by default, at most 200', async () => {
    const server = await standIn();
    const first = (await (await get(server, LIST)).json()) as Page<GmaoEquipement>;
    expect(first).toMatchObject({ page: 1, pageSize: 100, total: 1234 });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]).toEqual(equipement(1));
    const last = (await (await get(server, `${LIST}?page=7&pageSize=200`)).json()) as Page<GmaoEquipement>;
    expect(last).toMatchObject({ page: 7, pageSize: 200, total: 1234 });
    expect(last.data).toEqual(catalogue(1234).slice(1200));
    const tooBig = await get(server, `${LIST}?pageSize=201`);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toEqual({ error: 'pageSize must be an integer from 1 to 200' });
    expect((await get(server, `${LIST}?page=0`)).status).toBe(400);
  });

  it('answers one item by id, 404 for an unknown one, 401 without the right bearer token', async () => {
    const server = await standIn();
    expect(await (await get(server, `${LIST}/GMAO-000042`)).json()).toEqual(equipement(42));
    expect((await get(server, `${LIST}/GMAO-999999`)).status).toBe(404);
    const missing = await get(server, LIST, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await get(server, LIST, 'wrong')).status).toBe(401);
  });

  it('answers 429 with Retry-After: 1 above its limit in a sliding second', async () => {
    const server = await standIn({ rateLimitPerSecond: 10 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(server, `${LIST}?pageSize=1`)));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited.map((answer) => answer.headers.get('retry-after'))).toEqual(['1', '1']);
    expect(server.stats).toMatchObject({ requests: 12, byStatus: { 200: 10, 429: 2 }, peakPerSecond: 12 });
  });

  it('draws the same 503s from the same seed', async () => {
    const statuses = async (seed: number) => {
      const server = await standIn({ rateLimitPerSecond: 1000, faults: { status503Probability: 0.3, seed } });
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) answers.push((await get(server, `${LIST}?pageSize=1`)).status);
      return answers;
    };
    const first = await statuses(7);
    expect(first).toContain(503);
    expect(await statuses(7)).toEqual(first);
    expect(await statuses(8)).not.toEqual(first);
  });
});

describe('reading the whole GMAO through the HTTP client', () => {
  it('gets 1,234 items with pageSize 200: each exactly once, in 7 pages', async () => {
    const server = await standIn();
    const read = fetchAllPages<GmaoEquipement>(clientOf(server), LIST, { pageSize: 200 });
    const ids = await readAll(read);
    expect(ids).toEqual(catalogue(1234).map((item) => item.id));
    expect(read.stats).toMatchObject({ pages: 7, items: 1234, totals: [1234], totalChanged: false });
    expect(read.stats).toMatchObject({ requests: 7, retries: 0, status429: 0 });
  });

  it('absorbs the 429s of a client that does not pace itself, and a paced one meets few', async () => {
    const unpaced = await standIn({ rateLimitPerSecond: 10 });
    const rushed = fetchAllPages<GmaoEquipement>(clientOf(unpaced, { maxRequestsPerSecond: 1000 }), LIST, {
      pageSize: 50,
    });
    expect(new Set(await readAll(rushed)).size).toBe(1234);
    expect(rushed.stats.status429).toBeGreaterThanOrEqual(2);
    expect(rushed.stats.status429).toBe(unpaced.stats.byStatus[429]);
    expect(rushed.stats).toMatchObject({ pages: 25, items: 1234, retries: rushed.stats.status429 });

    const paced = await standIn({ rateLimitPerSecond: 10 });
    const started = performance.now();
    const polite = fetchAllPages<GmaoEquipement>(clientOf(paced, { maxRequestsPerSecond: 10 }), LIST, {
      pageSize: 50,
    });
    expect(new Set(await readAll(polite)).size).toBe(1234);
    // Network jitter can put an 11th arrival in the server's second; pacing keeps it to the odd one.
    expect(polite.stats.status429).toBeLessThanOrEqual(1);
    // 25 requests at 10 a second span at least 2.4 s, however fast each answer (a busy machine only
    // lengthens it, and then the pacer has less to wait: its own wait is not a bound).
    expect(polite.stats.pacingWaitMs).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2300);
  });

  it('completes through 503s on every third request', async () => {
    const server = await standIn({ faults: { status503Every: 3 } });
    const read = fetchAllPages<GmaoEquipement>(clientOf(server), LIST, { pageSize: 200 });
    expect(await readAll(read)).toEqual(catalogue(1234).map((item) => item.id));
    expect(read.stats.status503).toBeGreaterThanOrEqual(3);
    expect(read.stats.status503).toBe(server.stats.byStatus[503]);
    expect(read.stats.requests).toBe(7 + read.stats.status503);
  });

  it('says when the total changed during the read', async () => {
    const items = catalogue(1234);
    const server = await standIn({ items });
    const read = fetchAllPages<GmaoEquipement>(clientOf(server), LIST, { pageSize: 200 });
    let count = 0;
    for await (const { page } of read) {
      count += 1;
      // Ten items commissioned while the first page is being read.
      if (count === 1 && page === 1)
        items.push(...Array.from({ length: 10 }, (_, i) => equipement(5000 + i)));
    }
    expect(count).toBe(1244);
    expect(read.stats).toMatchObject({ totals: [1234, 1244], totalChanged: true });
  });

  it('refuses a wrong token at once, without retrying', async () => {
    const server = await standIn();
    const gmao = createHttpJsonClient({ source: 'CHRU/gmao', baseUrl: server.url, token: 'expired' });
    await expect(gmao.getJson(LIST)).rejects.toThrow(SourceContractError);
    await expect(gmao.getJson(LIST)).rejects.toMatchObject({ source: 'CHRU/gmao', message: /token refused/ });
    expect(server.requests).toBe(2);
    expect(gmao.stats.retries).toBe(0);
  });

  it('reads one item by id, and null for an unknown id', async () => {
    const gmao = clientOf(await standIn());
    await expect(gmao.getJson<GmaoEquipement>(`${LIST}/GMAO-000042`)).resolves.toEqual(equipement(42));
    await expect(gmao.getJson(`${LIST}/GMAO-999999`)).resolves.toBeNull();
  });
});

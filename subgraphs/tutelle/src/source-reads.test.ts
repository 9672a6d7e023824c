import { createCache } from '@hub/service-kit';
import type { InventoryRecordData, ReadOptions, TutelleConnector } from '@hub/source-kit';
import { Registry } from 'prom-client';
import { sourceReads } from './source-reads';

/** Reads of one id that last until their signal aborts, or until the test ends them. */
function heldConnector() {
  const reads: Array<{ signal?: AbortSignal; finish(): void }> = [];
  const connector = {
    tutelle: 'UL',
    inventoryByIds: (ids: readonly string[], { signal }: ReadOptions = {}) =>
      new Promise<Map<string, InventoryRecordData>>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        const record = { id: ids[0] } as InventoryRecordData;
        reads.push({ signal, finish: () => resolve(new Map([[ids[0]!, record]])) });
      }),
  } as unknown as TutelleConnector;
  return { connector, reads };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise(setImmediate);
};

describe('the read cache, a caller gone', () => {
  it('reads again for a request whose shared read stopped because its first caller left', async () => {
    const { connector, reads } = heldConnector();
    const store = createCache({ prefix: 'test:reads:' });
    const read = sourceReads(connector, {
      metrics: new Registry(),
      cache: { cache: store.cache, ttlSeconds: 60 },
    });
    try {
      const [first, second] = [new AbortController(), new AbortController()];
      const leaving = read.inventoryByIds(['UL:1'], { signal: first.signal });
      await until(() => reads.length === 1);
      // Joins the read in flight (single flight) rather than start its own.
      const staying = read.inventoryByIds(['UL:1'], { signal: second.signal });
      first.abort(new Error('first gone'));
      await expect(leaving).rejects.toThrow('first gone');
      await until(() => reads.length === 2);
      expect(reads[1]!.signal).toBe(second.signal);
      reads[1]!.finish();
      await expect(staying).resolves.toEqual(new Map([['UL:1', { id: 'UL:1' }]]));
    } finally {
      await store.close();
    }
  });
});

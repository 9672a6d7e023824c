import { Tutelle } from '@hub/schema';
import type { ReadOptions } from './connector';
import { type Snapshot, SnapshotConnector, type SnapshotSource } from './snapshot';

/** A source whose whole read lasts until the test lets it end, or until its signal aborts. */
function heldSource() {
  const reads: Array<{ signal: AbortSignal; finish(): void }> = [];
  const source: SnapshotSource = {
    name: 'TEST/held',
    version: async () => 'v1',
    read: ({ signal }: Required<ReadOptions>) =>
      new Promise<Snapshot>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        reads.push({ signal, finish: () => resolve({ inventory: [], staff: [], expenses: [], reads: [] }) });
      }),
  };
  return { source, reads };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise(setImmediate);
};

describe('a whole read shared by lookups whose callers leave', () => {
  it('lets a leaving caller go at once and goes on for the others', async () => {
    const { source, reads } = heldSource();
    const connector = new SnapshotConnector(Tutelle.INRAE, source);
    const [first, second] = [new AbortController(), new AbortController()];
    const leaving = connector.inventoryByIds(['INRAE:1'], { signal: first.signal });
    const staying = connector.staffByIds(['INRAE:2'], { signal: second.signal });
    await until(() => reads.length === 1);
    first.abort(new Error('first gone'));
    await expect(leaving).rejects.toThrow('first gone');
    expect(reads[0]!.signal.aborted).toBe(false);
    reads[0]!.finish();
    await expect(staying).resolves.toEqual(new Map());
    expect(connector.readCount).toBe(1);
  });

  it('stops the read once every caller has left, and reads anew for the next', async () => {
    const { source, reads } = heldSource();
    const connector = new SnapshotConnector(Tutelle.INRAE, source);
    const callers = [new AbortController(), new AbortController()];
    const lookups = callers.map((c) => connector.inventoryByIds(['INRAE:1'], { signal: c.signal }));
    await until(() => reads.length === 1);
    for (const [i, caller] of callers.entries()) caller.abort(new Error(`caller ${i} gone`));
    await expect(lookups[0]).rejects.toThrow('caller 0 gone');
    await expect(lookups[1]).rejects.toThrow('caller 1 gone');
    expect(reads[0]!.signal.aborted).toBe(true);
    const next = connector.inventoryByIds(['INRAE:1']);
    await until(() => reads.length === 2);
    reads[1]!.finish();
    await expect(next).resolves.toEqual(new Map());
  });
});

import { startGcMeter } from './gc-meter';

describe('the garbage meter', () => {
  it('counts what was allocated, collected or not, and the collections’ time', () => {
    const totals = startGcMeter();
    const before = totals();
    // About 40 MB of short-lived arrays: many young collections, most of it garbage by the end.
    let kept = 0;
    for (let i = 0; i < 40; i++) kept += new Array(128 * 1024).fill(i).length;
    const after = totals();
    expect(kept).toBe(40 * 128 * 1024);
    expect(after.allocatedBytes - before.allocatedBytes).toBeGreaterThan(30 * 1024 * 1024);
    expect(after.gcMs).toBeGreaterThan(before.gcMs);
    // Since the previous reading only: the longest of those collections, and what survived the last.
    expect(after.longestGcMs).toBeGreaterThan(0);
    expect(after.longestGcMs).toBeLessThanOrEqual(after.gcMs - before.gcMs);
    expect(after.longestGcKind).not.toBe('');
    expect(after.heapAfterGcMb).toBeGreaterThan(0);
  });
});

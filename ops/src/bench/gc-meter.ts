import v8 from 'node:v8';

/*
 * What a gateway's garbage costs it, measured inside its own process (the suite reads it between loads):
 * the time its collections took and the bytes it allocated. V8 counts no allocations, but each collection's
 * profile says the heap's use before and after it: what grew between one collection's end and the next's
 * start was allocated (`v8.GCProfiler`, whose `cost` is in microseconds).
 */

export interface GcTotals {
  /** Time spent collecting since the process started, ms. */
  gcMs: number;
  /** Bytes allocated on the V8 heap since the meter started. */
  allocatedBytes: number;
}

/** Starts measuring; each call of the function returned gives the totals so far. */
export function startGcMeter(): () => GcTotals {
  const profiler = new v8.GCProfiler();
  let gcMs = 0;
  let allocated = 0;
  let usedAfterLast = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  return () => {
    // Stopped and started again in the same turn: no collection falls between.
    for (const gc of profiler.stop().statistics) {
      gcMs += gc.cost / 1000;
      allocated += gc.beforeGC.heapStatistics.usedHeapSize - usedAfterLast;
      usedAfterLast = gc.afterGC.heapStatistics.usedHeapSize;
    }
    profiler.start();
    return { gcMs, allocatedBytes: allocated + v8.getHeapStatistics().used_heap_size - usedAfterLast };
  };
}

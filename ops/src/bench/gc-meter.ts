import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

/*
 * What a gateway's garbage costs it, measured inside its own process (the suite reads it between loads):
 * the time its collections took and the bytes it allocated. V8 counts no allocations, but each collection's
 * profile says the heap's use before and after it: what grew between one collection's end and the next's
 * start was allocated (`v8.GCProfiler`, whose `cost` is in microseconds). Beside them, what can make a tail
 * of latency inside the process, since the previous reading: its longest collection, and how late its
 * event loop ran (`monitorEventLoopDelay`: a turn that a pause or a long task held up).
 */

export interface GcTotals {
  /** Time spent collecting since the process started, ms. */
  gcMs: number;
  /** Bytes allocated on the V8 heap since the meter started. */
  allocatedBytes: number;
  /** The longest single collection since the previous reading, ms, and its kind (V8's: `Scavenge`, `MarkSweepCompact`...). */
  longestGcMs: number;
  longestGcKind: string;
  /** Full collections (mark-sweep-compact) since the previous reading. */
  fullGcs: number;
  /** The heap in use after the last collection, MB: what survives. */
  heapAfterGcMb: number;
  /** The event loop's delay since the previous reading: its 99th percentile and its maximum, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Starts measuring; each call of the function returned gives the totals so far. */
export function startGcMeter(): () => GcTotals {
  const profiler = new v8.GCProfiler();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let gcMs = 0;
  let allocated = 0;
  let usedAfterLast = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  loopDelay.enable();
  return () => {
    let longestGcMs = 0;
    let longestGcKind = '';
    let fullGcs = 0;
    // Stopped and started again in the same turn: no collection falls between.
    for (const gc of profiler.stop().statistics) {
      gcMs += gc.cost / 1000;
      if (gc.cost / 1000 > longestGcMs) {
        longestGcMs = gc.cost / 1000;
        longestGcKind = gc.gcType;
      }
      if (gc.gcType === 'MarkSweepCompact') fullGcs += 1;
      allocated += gc.beforeGC.heapStatistics.usedHeapSize - usedAfterLast;
      usedAfterLast = gc.afterGC.heapStatistics.usedHeapSize;
    }
    profiler.start();
    const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    loopDelay.reset();
    return {
      gcMs,
      allocatedBytes: allocated + v8.getHeapStatistics().used_heap_size - usedAfterLast,
      longestGcMs,
      longestGcKind,
      fullGcs,
      heapAfterGcMb: usedAfterLast / 1e6,
      loopDelayP99Ms: delay.p99,
      loopDelayMaxMs: delay.max,
    };
  };
}

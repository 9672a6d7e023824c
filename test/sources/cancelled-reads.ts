import { until } from '../src/until';

/*
 * What every cancelled-reads test does: a read started with a caller's signal, seen running on the server,
 * the caller gone, then the read rejected with the caller's reason and the statement seen gone.
 */

/** Starts `read`, waits for its statement, aborts: the read must reject with `reason`, the statement end. */
export async function expectCancelled(
  read: (signal: AbortSignal) => Promise<unknown>,
  running: () => Promise<number>,
  reason: string,
): Promise<void> {
  const caller = new AbortController();
  const reading = read(caller.signal);
  reading.catch(() => undefined);
  await until(async () => (await running()) === 1);
  const started = performance.now();
  caller.abort(new Error(reason));
  await expect(reading).rejects.toThrow(reason);
  await until(async () => (await running()) === 0);
  expect(performance.now() - started).toBeLessThan(5_000);
}

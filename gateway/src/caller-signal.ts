import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * The client's hang-up, carried down to the subgraph fetches its request makes: @apollo/gateway builds each
 * fetch's init itself (method, headers, body) and has no place for a signal, so the data source runs each
 * fetch in the caller's signal (`withCallerSignal`) and the pooled fetcher reads it (`callerSignal`). A
 * fetch cancelled this way closes its connection, which the subgraph sees as its own caller gone: its
 * source reads stop too. A fetch shared by several requests (merged, deduplicated) stops only once every
 * one of them has gone (`allGone`).
 */

const current = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the caller's (none: as it was). */
export function withCallerSignal<T>(signal: AbortSignal | undefined, work: () => T): T {
  return signal ? current.run(signal, work) : work();
}

/** The signal of the caller whose work this is, if any. */
export const callerSignal = (): AbortSignal | undefined => current.getStore();

/** Aborted once every signal has; never if one of them is missing (a caller that cannot hang up). */
export function allGone(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  if (signals.length === 0 || signals.some((s) => s === undefined)) return undefined;
  if (signals.length === 1) return signals[0];
  const gone = new AbortController();
  const check = () => {
    if (signals.every((s) => s!.aborted)) gone.abort(new Error('Every caller hung up'));
  };
  for (const signal of signals) signal!.addEventListener('abort', check, { once: true });
  check();
  return gone.signal;
}

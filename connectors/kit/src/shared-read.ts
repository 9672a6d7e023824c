/**
 * A read shared by the lookups waiting for it (a source read whole, cost bases kept between requests). A
 * lookup whose caller has gone is let go at once; the read itself stops only once every lookup waiting for
 * it has gone, since the others still need it. A lookup without a signal (health, a job) stays to the end.
 */
export class SharedRead<T> {
  private readonly stop = new AbortController();
  private waiting = 0;
  private settled = false;
  readonly result: Promise<T>;

  constructor(read: (signal: AbortSignal) => Promise<T>) {
    this.result = read(this.stop.signal).finally(() => {
      this.settled = true;
    });
    this.result.catch(() => undefined); // reported to whoever waits, not as unhandled
  }

  /** Stopped, its waiters all gone: a new lookup starts a new read rather than meet this one's abort. */
  get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  /** The result, for one lookup: its `signal` aborted, it is let go, and the read stopped if it was the last. */
  wait(signal?: AbortSignal): Promise<T> {
    this.waiting += 1;
    if (!signal) return this.result;
    return new Promise((resolve, reject) => {
      const leave = () => {
        reject(signal.reason);
        this.waiting -= 1;
        if (this.waiting === 0 && !this.settled) this.stop.abort(signal.reason);
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      this.result.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }
}

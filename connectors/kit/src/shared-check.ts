/**
 * A check (a version read) shared by every caller that asks while it runs: under load, one statement for
 * the requests arriving together instead of one each. A caller asking once it has settled starts the next;
 * `forget()` makes the next caller start one even if a check is running (after a change made here, whose
 * commit a running check may predate).
 */
export interface SharedCheck<T> {
  (): Promise<T>;
  forget(): void;
}

export function sharedCheck<T>(check: () => Promise<T>): SharedCheck<T> {
  let running: Promise<T> | null = null;
  const shared = () => {
    if (running) return running;
    const started = check().finally(() => {
      if (running === started) running = null;
    });
    running = started;
    return started;
  };
  return Object.assign(shared, {
    forget: () => {
      running = null;
    },
  });
}

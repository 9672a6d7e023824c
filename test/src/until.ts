/** Polls `done` until it holds (every 20 ms): a test waits on a state, never on a fixed time. */
export async function until(done: () => Promise<boolean>, { withinMs = 20_000 } = {}): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not so within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

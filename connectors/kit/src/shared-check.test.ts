import { sharedCheck } from './shared-check';

it('shares a running check between callers, and starts the next once it settled or was forgotten', async () => {
  let calls = 0;
  let release: (n: number) => void = () => undefined;
  const check = sharedCheck(() => {
    calls += 1;
    return new Promise<number>((resolve) => {
      release = resolve;
    });
  });
  const [a, b] = [check(), check()];
  release(1);
  expect(await Promise.all([a, b])).toEqual([1, 1]);
  expect(calls).toBe(1);

  void check();
  expect(calls).toBe(2);
  check.forget();
  const d = check();
  expect(calls).toBe(3);
  release(3);
  expect(await d).toBe(3);
});

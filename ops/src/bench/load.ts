import autocannon from 'autocannon';
import { type GraphQLAnswer, wrongAnswer } from './operations';

/*
 * The load generator: autocannon, from this process (on the load generator's core), a fixed number of
 * connections each sending the next request as soon as its answer is in. Every answer is checked: it must
 * be the very body the gateway gave when its answer was verified (or, merged in another field order, the
 * same data); any other answer makes the measurement not count.
 *
 * The measurement starts once every connection has had an answer, not when the connections are opened.
 * Node accepts one connection per turn of its event loop (libuv 1.45 and later, libuv/libuv#3696), so a
 * gateway already busy with the first connections accepts the last of 50 new ones 1 to 2 s later: in a
 * 1.5 s window that was the p99 of a big answer, whatever the gateway. Clients that load a gateway (the
 * portal's server, a reverse proxy) keep their connections alive; the time to open them is left out, like
 * the warm-up.
 */

export interface LoadTarget {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The gateway's verified answer, as it sent it. */
  expectedBody: string;
  /** The reference data, canonical: what a differently serialised answer must still be. */
  referenceData: string;
}

export interface LoadResult {
  /** Sent and answered within the measurement. */
  requests: number;
  /** Sent, answered or not, the connections' opening included: what the gateway had to work for. */
  sent: number;
  /** How long the measurement lasted, the connections' opening left out. */
  durationS: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not the verified one: errors, other data, non-2xx, broken connections. */
  wrong: number;
  /** Requests without an answer within 10 s: slow, not wrong, but their latency is not in p99. */
  timeouts: number;
  /** What the first wrong answer was. */
  firstWrong: string | null;
}

/**
 * Whether `body` is `expected` but for characters split between two of the answer's TCP chunks. autocannon
 * decodes each chunk apart (`body += chunk`), so a multi-byte character (a ’, an é) that straddles two
 * arrives as a run of one to three U+FFFD: on big answers some do, whatever the gateway sent.
 */
export function sameButSplitCharacters(body: string, expected: string): boolean {
  const parts = body.split(/\uFFFD+/);
  if (parts.length === 1) return false;
  let at = 0;
  for (const [i, part] of parts.entries()) {
    // The one character the run stood for (two UTF-16 units beyond the basic plane).
    if (i > 0) at += (expected.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    if (!expected.startsWith(part, at)) return false;
    at += part.length;
  }
  return at === expected.length;
}

/** How long the connections may take to all have an answer before the measurement starts anyway. */
const MAX_OPENING_MS = 10_000;

export async function runLoad(
  target: LoadTarget,
  options: { connections: number; durationS: number },
): Promise<LoadResult> {
  let wrong = 0;
  let firstWrong: string | null = null;
  const fail = (why: string) => {
    wrong += 1;
    firstWrong ??= why;
  };
  const check = (status: number, body: string) => {
    if (status !== 200) fail(`HTTP ${status}: ${body.slice(0, 300)}`);
    else if (body !== target.expectedBody && !sameButSplitCharacters(body, target.expectedBody)) {
      const answer = JSON.parse(body) as GraphQLAnswer;
      const problem = wrongAnswer(answer, target.referenceData);
      if (problem) fail(problem);
    }
  };
  const settings: autocannon.Options = {
    url: target.url,
    connections: options.connections,
    // Stopped once the measurement has lasted its duration; this is only a bound.
    duration: (MAX_OPENING_MS + 1000) / 1000 + options.durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        onResponse: check,
      },
    ],
  };
  let instance: autocannon.Instance | null = null;
  const opened = performance.now();
  const answered = new Set<unknown>();
  /** When the measurement started: once every connection had an answer. */
  let started: number | null = null;
  let measuredS = 0;
  let stop: NodeJS.Timeout | undefined;
  /** Latencies of the requests sent and answered within the measurement. */
  const latencies: number[] = [];
  const startMeasuring = (now: number) => {
    started = now;
    stop = setTimeout(() => {
      measuredS = (performance.now() - now) / 1000;
      instance?.stop();
    }, options.durationS * 1000);
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(settings, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (client, _status, _bytes, ms) => {
      const now = performance.now();
      if (started === null) {
        answered.add(client);
        if (answered.size === options.connections || now - opened > MAX_OPENING_MS) startMeasuring(now);
      } else if (now - ms >= started) latencies.push(ms);
    });
  });
  clearTimeout(stop);
  latencies.sort((a, b) => a - b);
  const percentile = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? 0;
  return {
    requests: latencies.length,
    sent: result.requests.sent,
    durationS: measuredS,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    wrong: wrong + result.errors - result.timeouts,
    timeouts: result.timeouts,
    firstWrong:
      firstWrong ??
      (result.errors > result.timeouts ? 'connection errors: the gateway stopped answering' : null),
  };
}

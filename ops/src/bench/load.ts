import autocannon from 'autocannon';
import { type GraphQLAnswer, wrongAnswer } from './operations';

/*
 * The load generator: autocannon, from this process (on the load generator's core), a fixed number of
 * connections each sending the next request as soon as its answer is in. Every answer is checked: it must
 * be the very body the gateway gave when its answer was verified (or, merged in another field order, the
 * same data); any other answer makes the measurement not count.
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
  /** Answered within the measurement. */
  requests: number;
  /** Sent, answered or not: what the gateway had to work for. */
  sent: number;
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
    else if (body !== target.expectedBody) {
      const answer = JSON.parse(body) as GraphQLAnswer;
      const problem = wrongAnswer(answer, target.referenceData);
      if (problem) fail(problem);
    }
  };
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        onResponse: check,
      },
    ],
  });
  return {
    requests: result.requests.total,
    sent: result.requests.sent,
    durationS: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    wrong: wrong + result.errors - result.timeouts,
    timeouts: result.timeouts,
    firstWrong: firstWrong ?? (result.errors > result.timeouts ? 'connection errors' : null),
  };
}

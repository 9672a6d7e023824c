import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { callerSignal } from './caller-signal';

/*
 * How the gateway reaches its subgraphs: undici's pooled, kept-alive connections and its plain request
 * API. Profiling showed make-fetch-happen (minipass streams, an agent that builds an Error per request to
 * read its stack, an HTTP cache the gateway never uses) costing about a third of the gateway's CPU; this
 * costs a fraction of it. A subgraph that does not answer within the timeout fails the fetch.
 */

/** Response headers, read-only, by lower-case name: all @apollo/gateway reads of a subgraph answer. */
class AnswerHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(entries: Iterable<[string, string]>) {
    this.map = new Map([...entries].map(([k, v]) => [k.toLowerCase(), v]));
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  append(): void {
    throw new Error('A subgraph answer is read-only');
  }
  delete(): void {
    throw new Error('A subgraph answer is read-only');
  }
  set(): void {
    throw new Error('A subgraph answer is read-only');
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A subgraph's answer, its body read whole (answers are JSON documents, parsed whole anyway). */
export class SubgraphAnswer implements FetcherResponse {
  readonly headers: AnswerHeaders;
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Iterable<[string, string]>,
    private readonly body: string,
  ) {
    this.headers = new AnswerHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }
  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): SubgraphAnswer {
    return new SubgraphAnswer(this.url, this.status, this.headers, this.body);
  }
}

/** undici's headers record as name/value pairs (a repeated header joined, as fetch does). */
function pairs(headers: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(headers).flatMap(([k, v]) =>
    v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]],
  );
}

/** The deadline, and the caller's hang-up where the fetch runs in one (`caller-signal.ts`). */
function untilGoneOr(deadline: AbortSignal): AbortSignal {
  const caller = callerSignal();
  return caller ? AbortSignal.any([deadline, caller]) : deadline;
}

/** `timeout` in a fetch's init (what is left of its deadline, retries included) bounds it; `timeoutMs` otherwise. */
export function pooledFetcher(options: { timeoutMs: number }): Fetcher {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return async (url, init) => {
    const answer = await request(url, {
      method: (init?.method ?? 'GET') as 'POST',
      headers: init?.headers,
      body: init?.body,
      dispatcher: agent,
      signal: untilGoneOr(
        AbortSignal.timeout((init as { timeout?: number } | undefined)?.timeout ?? options.timeoutMs),
      ),
    });
    return new SubgraphAnswer(url, answer.statusCode, pairs(answer.headers), await answer.body.text());
  };
}

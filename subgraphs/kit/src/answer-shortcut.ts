import type { Caller } from './auth';

/*
 * Answers sent before Apollo Server's pipeline. The gateway's response cache answers most of the portal's
 * requests from bytes it keeps; through the pipeline each such hit still parsed its request, ran every
 * plugin's hooks and built a context: 92 KB allocated per hit, which at thousands of hits a second made
 * V8 collect its old space twice a second and held the event loop (docs/PERFORMANCE.md, issue 20). A
 * shortcut knows, from a request's body and its caller alone, whether it holds that request's answer now;
 * the HTTP handler (`graphql-http.ts`) then writes it as the pipeline would have, and counts it in the
 * service's metrics. Anything the shortcut does not know goes through the pipeline as before.
 */

/** An answer the shortcut holds: the bytes the pipeline sent for the same request, and what they were. */
export interface ShortAnswer {
  bytes: Buffer;
  /** Headers of the service's own besides `content-type` (which the request's `Accept` decides). */
  headers: Readonly<Record<string, string>>;
  /** The operation's name as the pipeline resolved it, for the metrics and the log line. */
  operationName: string | null;
}

export interface AnswerShortcut {
  /**
   * The key under which a request's answer may be known: a function of its body and its caller only (what
   * the pipeline's answer depends on), or null where the request is not to be answered early.
   */
  keyOf(body: unknown, caller: Caller): string | null;
  /** The answer known under `key` now, if any. */
  answerOf(key: string): Promise<ShortAnswer | undefined>;
}

/** Distinct `Accept` headers remembered: clients send a handful; beyond, a request goes the long way. */
const MAX_ACCEPTS = 64;

/**
 * The `content-type` Apollo Server chose for a single result, by the request's `Accept` header, as last seen
 * on an answer of the pipeline: the shortcut answers only requests whose choice it has seen made, so that
 * Apollo Server's negotiation stays its own.
 */
export class ContentTypes {
  private readonly byAccept = new Map<string, string>();

  of(accept: string | undefined): string | undefined {
    return this.byAccept.get(accept ?? '');
  }

  learn(accept: string | undefined, contentType: string): void {
    const key = accept ?? '';
    if (this.byAccept.get(key) === contentType) return;
    if (!this.byAccept.has(key) && this.byAccept.size >= MAX_ACCEPTS) return;
    this.byAccept.set(key, contentType);
  }
}

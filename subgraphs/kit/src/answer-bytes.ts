import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';

/*
 * An answer is written to the socket as UTF-8 bytes made once. Apollo Server's own way is
 * `JSON.stringify(result) + '\n'`, a concatenation V8 keeps as two strings until Express converts it:
 * for an answer with one character outside Latin-1 (a ’ in a platform's name) it then copies the whole
 * answer into a flat two-byte string (`WriteToFlat<uint16_t>` under `Utf8Length`: 175 KB for an 88 KB
 * answer, fresh pages every time), converts that to a Buffer, and Express hashes the Buffer for an ETag.
 * Here the JSON is made in small pieces (no string of the whole answer) and written into one Buffer of its
 * exact size, newline included: the same bytes Apollo Server would send. The gateway's response cache keeps those bytes and
 * sends them again as they are.
 */

/** Where a request's answer bytes are put once made: in the context of every request served over HTTP. */
export interface AnswerSlot {
  bytes: Buffer | null;
  /**
   * The request's key with the service's answer shortcut (`answer-shortcut.ts`), null without one: the
   * plugin that keeps answers (the gateway's response cache) makes its answer known under it.
   */
  shortcutKey: string | null;
}

/** A context that came through the HTTP handler (`graphql-http.ts`) has a slot; `executeOperation`'s has none. */
export function answerSlotOf(context: BaseContext): AnswerSlot | null {
  return (context as { answer?: AnswerSlot }).answer ?? null;
}

/** A result's `data` whose bytes are in its request's slot: Apollo Server need not serialise it again. */
const prepared = new WeakSet<object>();

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const skipped = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `value` as JSON.stringify writes it, in pieces: objects and arrays walked, each element of an array (the
 * answer's repeated unit: an instrument, a platform) stringified whole. No string of the whole answer is
 * made: V8 makes a large one in fresh pages (three times the page faults of the answer's bytes alone).
 */
function pieces(value: unknown, out: string[], whole: boolean): void {
  const walk =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!walk || (whole && !Array.isArray(value))) {
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (skipped(value[i])) out.push('null');
      else pieces(value[i], out, true);
    }
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (skipped(field)) continue;
    out.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    pieces(field, out, false);
  }
  out.push('}');
}

/**
 * Apollo Server's serialisation (errors, data, extensions, in that order; then a newline), as UTF-8 bytes:
 * the same bytes as `JSON.stringify(result) + '\n'`.
 */
export function answerBytes(result: FormattedExecutionResult): Buffer {
  const out: string[] = [];
  pieces({ errors: result.errors, data: result.data, extensions: result.extensions }, out, false);
  let length = 1;
  for (const piece of out) length += Buffer.byteLength(piece);
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of out) at += bytes.write(piece, at);
  bytes[at] = 0x0a;
  return bytes;
}

/**
 * `bytes` are the answer of the request whose slot is given: what Apollo Server serialises in their stead is
 * a result whose `data` is the object returned (to be put in the single result Apollo Server answers).
 */
export function answerWith(slot: AnswerSlot, bytes: Buffer): Record<string, never> {
  slot.bytes = bytes;
  const stands = {};
  prepared.add(stands);
  return stands;
}

/**
 * The bytes of a result about to be sent, made once per request: by the first plugin that asks (the
 * gateway's response cache, to keep them) or by the kit's own plugin. Null without a slot or without data.
 */
export function prepareAnswer(context: BaseContext, result: FormattedExecutionResult): Buffer | null {
  const slot = answerSlotOf(context);
  if (!slot || !result.data) return null;
  if (!slot.bytes) {
    slot.bytes = answerBytes(result);
    prepared.add(result.data);
  }
  return slot.bytes;
}

/** Apollo Server's `stringifyResult`: nothing where the bytes are made already, its own text otherwise. */
export function stringifyResult(value: FormattedExecutionResult): string {
  if (value.data && prepared.has(value.data)) return '';
  return `${JSON.stringify(value)}\n`;
}

/** Every single result with data made into bytes before it is sent; errors alone go Apollo Server's way. */
export function useAnswerBytes(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') prepareAnswer(contextValue, response.body.singleResult);
        },
      };
    },
  };
}

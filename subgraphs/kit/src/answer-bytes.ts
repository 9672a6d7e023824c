import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';

/*
 * An answer is written to the socket as UTF-8 bytes made once. Apollo Server's own way is
 * `JSON.stringify(result) + '\n'`, a concatenation V8 keeps as two strings until Express converts it:
 * for an answer with one character outside Latin-1 (a ’ in a platform's name) it then copies the whole
 * answer into a flat two-byte string (`WriteToFlat<uint16_t>` under `Utf8Length`: 175 KB for an 88 KB
 * answer, fresh pages every time), converts that to a Buffer, and Express hashes the Buffer for an ETag.
 * Here the JSON text is measured and written into one Buffer of its exact size, newline included: the
 * same bytes Apollo Server would send, copied once. The gateway's response cache keeps those bytes and
 * sends them again as they are.
 */

/** Where a request's answer bytes are put once made: in the context of every request served over HTTP. */
export interface AnswerSlot {
  bytes: Buffer | null;
}

/** A context that came through the HTTP handler (`graphql-http.ts`) has a slot; `executeOperation`'s has none. */
export function answerSlotOf(context: BaseContext): AnswerSlot | null {
  return (context as { answer?: AnswerSlot }).answer ?? null;
}

/** A result's `data` whose bytes are in its request's slot: Apollo Server need not serialise it again. */
const prepared = new WeakSet<object>();

/** Apollo Server's serialisation (errors, data, extensions, in that order; then a newline), as UTF-8 bytes. */
export function answerBytes(result: FormattedExecutionResult): Buffer {
  const text = JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions });
  const length = Buffer.byteLength(text);
  const bytes = Buffer.allocUnsafe(length + 1);
  bytes.write(text, 0, length, 'utf8');
  bytes[length] = 0x0a;
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

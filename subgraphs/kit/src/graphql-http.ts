import type { ApolloServer } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type express from 'express';
import type { AnswerSlot } from './answer-bytes';
import { type AnswerShortcut, ContentTypes, type ShortAnswer } from './answer-shortcut';
import type { Caller } from './auth';

/*
 * Apollo Server on Express, as `@as-integrations/express5` does it, but an answer is written as the bytes
 * `answer-bytes.ts` made (or the gateway's response cache kept), with their length: no `res.send`, whose
 * string-to-Buffer copy and ETag hash of every answer were a third of the gateway's time on big answers.
 * With a shortcut (`answer-shortcut.ts`), a POST whose answer it holds is written before the pipeline.
 */

export interface GraphQLHandlerOptions<Context> {
  /** The request's caller; refused (a bad token): the pipeline answers, with its error. */
  callerOf: (req: express.Request, res: express.Response) => Promise<Caller>;
  /** Each request's context, with the caller and the slot it is given. */
  context: (
    req: express.Request,
    res: express.Response,
    caller: Caller,
    answer: AnswerSlot,
  ) => Promise<Context>;
  shortcut?: {
    answers: AnswerShortcut;
    /** Told of each answer sent by the shortcut, with the seconds it took: the metrics count it. */
    sent: (req: express.Request, res: express.Response, answer: ShortAnswer, seconds: number) => void;
  };
}

/** The request handler of POST/GET /graphql. */
export function graphqlHandler<Context extends { answer: AnswerSlot }>(
  apollo: ApolloServer<Context>,
  options: GraphQLHandlerOptions<Context>,
): express.RequestHandler {
  const contentTypes = new ContentTypes();
  /** Whether the shortcut answered; the slot gets the request's key either way. */
  const answeredEarly = async (
    req: express.Request,
    res: express.Response,
    callerOf: () => Promise<Caller>,
    slot: AnswerSlot,
  ) => {
    const started = performance.now();
    const shortcut = options.shortcut;
    if (!shortcut || req.method !== 'POST') return false;
    const caller = await callerOf().catch(() => null);
    slot.shortcutKey = caller && shortcut.answers.keyOf(req.body, caller);
    const contentType = contentTypes.of(req.headers.accept);
    if (!slot.shortcutKey || !contentType) return false;
    const answer = await shortcut.answers.answerOf(slot.shortcutKey);
    if (!answer) return false;
    for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
    res.setHeader('content-type', contentType);
    res.setHeader('content-length', answer.bytes.length);
    res.end(answer.bytes);
    shortcut.sent(req, res, answer, (performance.now() - started) / 1000);
    return true;
  };
  return async (req, res, next) => {
    try {
      const answer: AnswerSlot = { bytes: null, shortcutKey: null };
      // The caller found once, by the shortcut or the context: a refusal reaches the pipeline as its error.
      let caller: Promise<Caller> | undefined;
      const callerOf = () => {
        caller ??= options.callerOf(req, res);
        return caller;
      };
      if (await answeredEarly(req, res, callerOf, answer)) return;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const query = req.url.indexOf('?');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: query < 0 ? '' : req.url.slice(query),
          body: req.body,
        },
        context: async () => options.context(req, res, await callerOf(), answer),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        const bytes = answer.bytes ?? Buffer.from(response.body.string);
        const contentType = response.headers.get('content-type');
        if (answer.bytes && res.statusCode === 200 && contentType)
          contentTypes.learn(req.headers.accept, contentType);
        res.setHeader('content-length', bytes.length);
        res.end(bytes);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

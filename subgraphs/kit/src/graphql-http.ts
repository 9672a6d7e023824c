import type { ApolloServer } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type express from 'express';
import type { AnswerSlot } from './answer-bytes';

/*
 * Apollo Server on Express, as `@as-integrations/express5` does it, but an answer is written as the bytes
 * `answer-bytes.ts` made (or the gateway's response cache kept), with their length: no `res.send`, whose
 * string-to-Buffer copy and ETag hash of every answer were a third of the gateway's time on big answers.
 */

/** The request handler of POST/GET /graphql; `context` makes each request's, with the slot it is given. */
export function graphqlHandler<Context extends { answer: AnswerSlot }>(
  apollo: ApolloServer<Context>,
  context: (req: express.Request, res: express.Response, answer: AnswerSlot) => Promise<Context>,
): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const query = req.url.indexOf('?');
      const answer: AnswerSlot = { bytes: null };
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: query < 0 ? '' : req.url.slice(query),
          body: req.body,
        },
        context: () => context(req, res, answer),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        const bytes = answer.bytes ?? Buffer.from(response.body.string);
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

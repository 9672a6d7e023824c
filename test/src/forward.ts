import type http from 'node:http';

/** The request's body, read whole. */
export async function bodyOf(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Pass a GraphQL POST on to `target` as it came (signature, token, trace headers), and its answer back. */
export async function forward(
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  target: string,
) {
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
  ) as Record<string, string>;
  const answer = await fetch(target, { method: 'POST', headers, body: new Uint8Array(body) });
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
}

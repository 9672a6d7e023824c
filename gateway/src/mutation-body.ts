/**
 * Whether a subgraph request body may carry a mutation: what is never sent twice (no retry, no sharing of
 * an in-flight fetch). Apollo's subgraph bodies are `{"query":"…` (its `JSON.stringify` of the request):
 * read from the first characters, without parsing the body on every fetch; any other body is parsed, and
 * one that is not a JSON string of an operation counts as a mutation, the side that does no harm.
 */
export function mayBeMutation(body: unknown): boolean {
  if (typeof body !== 'string') return true;
  const head = /^\{"query":"\s*(\w+|\{)/.exec(body.slice(0, 40));
  if (head) return head[1] === 'mutation';
  try {
    const { query } = JSON.parse(body) as { query?: unknown };
    return typeof query !== 'string' || /^\s*mutation\b/.test(query);
  } catch {
    return true;
  }
}

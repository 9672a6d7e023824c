import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';
import { currentToken } from './session';

/*
 * The application's only way to the graph: POST /graphql with the operation's hash (codegen's persisted
 * documents), never its text; the gateway holds the texts. Variables and the bearer token go along.
 */

export interface GraphQLProblem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; source?: string; [key: string]: unknown };
}

export interface Answer<Data> {
  data: Data | null;
  errors: GraphQLProblem[];
}

/** The hash codegen put on the document (persistedDocuments, replaceDocumentWithHash). */
function hashOf(document: object): string {
  const hash = (document as unknown as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('Opération sans empreinte : relancer la génération (pnpm hub web build)');
  return hash.replace(/^sha256:/, '');
}

export async function request<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Answer<Data>> {
  const token = currentToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document) } },
    }),
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: Data | null;
    errors?: GraphQLProblem[];
  } | null;
  if (!body) {
    return { data: null, errors: [{ message: `Réponse illisible du serveur (HTTP ${response.status})` }] };
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

export interface QueryState<Data> extends Answer<Data> {
  loading: boolean;
  reload: () => void;
}

/** Runs the query when the variables change (compared as JSON), the previous one abandoned. */
export function useQuery<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: { skip?: boolean } = {},
): QueryState<Data> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<Answer<Data> & { loading: boolean }>({
    data: null,
    errors: [],
    loading: !options.skip,
  });
  const [round, setRound] = useState(0);
  // The variables are compared by their JSON key, not by identity.
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    request(document, JSON.parse(key) as Variables, controller.signal)
      .then((answer) => setState({ ...answer, loading: false }))
      .catch((error: Error) => {
        if (controller.signal.aborted) return;
        setState({
          data: null,
          errors: [{ message: `Serveur injoignable : ${error.message}` }],
          loading: false,
        });
      });
    return () => controller.abort();
  }, [document, key, round, options.skip]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useState } from 'react';
import { type Answer, type GraphQLProblem, request } from './graphql';

/** A mutation run on demand; its problems kept to show beside the form that sent it. */
export function useMutation<Data, Variables>(document: TypedDocumentNode<Data, Variables>) {
  const [running, setRunning] = useState(false);
  const [errors, setErrors] = useState<GraphQLProblem[]>([]);
  const run = useCallback(
    async (variables: Variables): Promise<Answer<Data>> => {
      setRunning(true);
      try {
        const answer = await request(document, variables);
        setErrors(answer.errors);
        return answer;
      } catch (error) {
        const problem = { message: `Serveur injoignable : ${(error as Error).message}` };
        setErrors([problem]);
        return { data: null, errors: [problem] };
      } finally {
        setRunning(false);
      }
    },
    [document],
  );
  return { run, running, errors };
}

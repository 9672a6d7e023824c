import type { GraphQLProblem } from './graphql';

/*
 * What the graph could not answer, said as a person understands it: a tutelle's system down means its part
 * is missing (and which part), a field withheld for the role is said withheld, never shown as empty.
 */

const SOURCE_NAMES: Record<string, string> = {
  UL: "l'Université de Lorraine",
  CNRS: 'le CNRS',
  INRAE: "l'INRAE",
  CHRU: 'le CHRU de Nancy',
  ul: "l'Université de Lorraine",
  cnrs: 'le CNRS',
  inrae: "l'INRAE",
  chru: 'le CHRU de Nancy',
  site: 'le registre du site',
};

/** "subgraph/chru", "UL/sifac+siham" → who it is. */
function sourceName(source: string): string {
  const [owner, system] = source.split('/');
  const who = SOURCE_NAMES[owner === 'subgraph' ? (system ?? '') : (owner ?? '')] ?? source;
  return owner === 'subgraph' ? `le service de ${who.replace(/^(l'|le )/, '')}` : `${who} (${system})`;
}

const fieldOf = (problem: GraphQLProblem) =>
  (problem.path ?? []).filter((p) => typeof p === 'string').join(' › ');

function explain(problem: GraphQLProblem): string {
  const code = problem.extensions?.code;
  const source = problem.extensions?.source;
  if (code === 'SOURCE_UNAVAILABLE' && source) {
    return `Les données de ${sourceName(String(source))} sont indisponibles pour le moment : ${fieldOf(problem) || 'une partie de la page'} manque. Le reste de la page est à jour.`;
  }
  if (code === 'FORBIDDEN') return `Réservé à d'autres rôles : ${fieldOf(problem)}.`;
  if (code === 'UNAUTHENTICATED') return 'Votre session a expiré ou n’est pas valable : reconnectez-vous.';
  if (code === 'BAD_USER_INPUT') return `Saisie refusée : ${problem.message}`;
  if (code === 'PERSISTED_QUERY_NOT_FOUND')
    return 'Cette version de la page n’est plus connue du serveur : rechargez la page.';
  return problem.message;
}

/** The problems of an answer, one line each, duplicates folded; FORBIDDEN left to each field unless asked. */
export function Problems({
  errors,
  includeForbidden = false,
}: {
  errors: GraphQLProblem[];
  includeForbidden?: boolean;
}) {
  const shown = errors.filter((e) => includeForbidden || e.extensions?.code !== 'FORBIDDEN');
  const lines = [...new Set(shown.map(explain))];
  if (lines.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <strong>Données incomplètes</strong>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/** Whether the answer withheld the field at this path (or below it) for the caller's role. */
export function withheld(errors: GraphQLProblem[], ...path: (string | number)[]): boolean {
  return errors.some(
    (e) => e.extensions?.code === 'FORBIDDEN' && path.every((step, i) => e.path?.[i] === step),
  );
}

/** In place of a value the role may not read. */
export function Withheld({ what }: { what: string }) {
  return (
    <span className="withheld" title="Information réservée">
      {what} : réservé à d’autres rôles
    </span>
  );
}

/** Whether a source named by the answer is down (the part it owns is missing, not empty). */
export function unavailable(errors: GraphQLProblem[]): string[] {
  return [
    ...new Set(
      errors
        .filter((e) => e.extensions?.code === 'SOURCE_UNAVAILABLE')
        .map((e) => String(e.extensions?.source ?? '')),
    ),
  ];
}

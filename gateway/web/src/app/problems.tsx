import type { GraphQLProblem } from './graphql';

/*
 * What the graph could not answer, said as a person understands it: a tutelle's system down means its part
 * is missing (and which part), a field withheld for the role is said withheld, never shown as empty.
 */

/** Whose system, with its preposition: "du CNRS", "de l’INRAE". */
const OWNERS: Record<string, string> = {
  ul: 'de l’Université de Lorraine',
  cnrs: 'du CNRS',
  inrae: 'de l’INRAE',
  chru: 'du CHRU de Nancy',
  site: 'du registre du site',
};

/** What a field holds, said as the page would: the last named step of the error's path. */
const FIELD_NAMES: Record<string, string> = {
  equipment: 'les équipements',
  expenses: 'les dépenses',
  staff: 'le personnel',
  member: 'le personnel',
  assignments: 'les affectations',
  yearlyCost: 'les coûts salariaux',
  tariffs: 'les tarifs',
  costCentres: 'les centres de coût',
  siteInventory: 'l’inventaire du site',
  tariffDivergence: 'les écarts de tarifs',
  platforms: 'les plateformes',
  platform: 'la plateforme',
};

const fieldOf = (problem: GraphQLProblem): string | null => {
  const named = (problem.path ?? []).filter((p): p is string => typeof p === 'string');
  const last = named.at(-1);
  return last ? (FIELD_NAMES[last] ?? last) : null;
};

/** "subgraph/chru" (a tutelle's service) or "UL/sifac+siham" (a tutelle's system) → who does not answer. */
function whoIsDown(source: string): string {
  const [owner = '', system] = source.split('/');
  if (owner === 'subgraph') return `Le service ${OWNERS[system ?? ''] ?? system} ne répond pas`;
  const of = OWNERS[owner.toLowerCase()] ?? `de ${owner}`;
  return system ? `Le système « ${system} » ${of} ne répond pas` : `La source ${of} ne répond pas`;
}

function explain(problem: GraphQLProblem): string {
  const code = problem.extensions?.code;
  const source = problem.extensions?.source;
  if (code === 'SOURCE_UNAVAILABLE' && source) {
    const field = fieldOf(problem);
    const missing = field
      ? `il manque ici ${field} de cette source`
      : 'il manque ici ce que cette source fournit';
    return `${whoIsDown(String(source))} : ${missing}. Le reste de la page est à jour.`;
  }
  if (code === 'FORBIDDEN') return `Réservé à d’autres rôles : ${fieldOf(problem) ?? problem.message}.`;
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
  title = 'Données incomplètes',
}: {
  errors: GraphQLProblem[];
  includeForbidden?: boolean;
  /** What the list is: an answer with parts missing by default, or an action refused. */
  title?: string;
}) {
  const shown = errors.filter((e) => includeForbidden || e.extensions?.code !== 'FORBIDDEN');
  const lines = [...new Set(shown.map(explain))];
  if (lines.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <strong>{title}</strong>
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

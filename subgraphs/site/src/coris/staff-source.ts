import { TUTELLES, type Tutelle } from '@hub/schema';
import { SourceUnavailableError } from '@hub/source-kit';
import DataLoader from 'dataloader';
import type { IndicatorContext } from '../context';
import type { Platform } from '../graphql/types';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';

/*
 * The HR records of every person the registry places on a platform, with their dated assignments: one
 * `_entities` request per tutelle for all of them (as the hub's `service` caller), whatever the number of
 * platforms, people or fields of the request asking. What the indicators and the past of the staff are computed from.
 */

export interface HrAssignment {
  start: string;
  end: string | null;
  yearlyCost: number | null;
}

export interface HrPerson {
  id: string;
  tutelle: Tutelle;
  grade: string | null;
  assignments: HrAssignment[];
}

/** Subgraph requests an indicator made, per tutelle. */
export type SourceReads = Partial<Record<Tutelle, number>>;

const query = (prefix: string) => `query CorisStaff($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ${prefix}StaffMember { id grade assignments { start end yearlyCost { amount } } }
  }
}`;

type Node = {
  id: string;
  grade: string | null;
  assignments: Array<{ start: string; end: string | null; yearlyCost: { amount: number } | null }> | null;
} | null;

/** One tutelle's people (hub ids): one `_entities` request; a tutelle that cannot be read fails, naming it. */
async function readTutelle(
  subgraphs: TutelleSubgraphs,
  tutelle: Tutelle,
  ids: readonly string[],
  reads: SourceReads,
  signal: AbortSignal | undefined,
): Promise<HrPerson[]> {
  const { typePrefix, subgraph } = TUTELLES[tutelle];
  if (!subgraphs.tutelles.includes(tutelle))
    throw new SourceUnavailableError(
      `The site was not given the URL of ${tutelle}'s subgraph`,
      `subgraph/${subgraph}`,
    );
  reads[tutelle] = (reads[tutelle] ?? 0) + 1;
  const { data, errors } = await subgraphs
    .client(tutelle)
    .request<{ _entities: Node[] }>(
      query(typePrefix),
      { representations: ids.map((id) => ({ __typename: `${typePrefix}StaffMember`, id })) },
      { signal },
    );
  if (errors.length > 0 || !data)
    throw new SourceUnavailableError(
      `${tutelle}'s staff could not be read: ${errors[0]?.message ?? 'no data'}`,
      (errors[0]?.extensions?.source as string | undefined) ?? `subgraph/${subgraph}`,
    );
  return data._entities.flatMap((node) =>
    node
      ? [
          {
            id: node.id,
            tutelle,
            grade: node.grade,
            assignments: (node.assignments ?? []).map((a) => ({
              start: a.start,
              end: a.end,
              yearlyCost: a.yearlyCost?.amount ?? null,
            })),
          },
        ]
      : [],
  );
}

type PersonKey = `${Tutelle}\u0000${string}`;

/**
 * A request's people, by tutelle and hub id: what its fields ask in the same tick is one read per tutelle,
 * cancelled when the request's `signal` aborts.
 */
function staffLoader(subgraphs: TutelleSubgraphs, reads: SourceReads, signal: AbortSignal | undefined) {
  return new DataLoader<PersonKey, HrPerson | null>(async (keys) => {
    const asked = new Map<Tutelle, string[]>();
    for (const key of keys) {
      const [tutelle, id] = key.split('\u0000') as [Tutelle, string];
      (asked.get(tutelle) ?? asked.set(tutelle, []).get(tutelle)!).push(id);
    }
    const found = new Map<string, HrPerson>();
    const failed = new Map<Tutelle, Error>();
    await Promise.all(
      [...asked].map(async ([tutelle, ids]) => {
        try {
          for (const person of await readTutelle(subgraphs, tutelle, ids, reads, signal))
            found.set(`${tutelle}\u0000${person.id}`, person);
        } catch (error) {
          failed.set(tutelle, error as Error);
        }
      }),
    );
    return keys.map((key) => failed.get(key.split('\u0000')[0] as Tutelle) ?? found.get(key) ?? null);
  });
}

/**
 * One loader per request (keyed by its registry reader, made per request): the HR records each person
 * is read once per request, whatever the number of fields and platforms asking. `reads` counts the
 * requests of the loader's first caller.
 */
const loaders = new WeakMap<object, ReturnType<typeof staffLoader>>();

/** Hub id → the HR record of each person placed on these platforms; a tutelle that cannot be read fails the whole read, naming it. */
export async function readStaff(
  ctx: Pick<IndicatorContext, 'registry' | 'tutelles' | 'signal'>,
  platforms: readonly Platform[],
  reads: SourceReads = {},
): Promise<Map<string, HrPerson>> {
  let loader = loaders.get(ctx.registry);
  if (!loader) {
    loader = staffLoader(ctx.tutelles, reads, ctx.signal);
    loaders.set(ctx.registry, loader);
  }
  const keys = new Set<PersonKey>();
  for (const p of platforms)
    for (const s of p.staff) if (s.member) keys.add(`${s.tutelle}\u0000${s.member.id}`);
  const people = await Promise.all([...keys].map((key) => loader.load(key)));
  return new Map(people.flatMap((person) => (person ? [[person.id, person] as const] : [])));
}

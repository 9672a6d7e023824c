import { TUTELLES, type Tutelle } from '@hub/schema';
import { SourceUnavailableError } from '@hub/source-kit';
import type { Platform } from '../graphql/types';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';

/*
 * The HR records of every person the registry places on a platform, with their dated assignments: one
 * `_entities` request per tutelle for all of them (as the hub's `service` caller), whatever the number of
 * platforms or people. What the indicators and the past of the staff are computed from.
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

/** Hub id → the person's HR record; a tutelle that cannot be read fails the whole read, naming it. */
export async function readStaff(
  subgraphs: TutelleSubgraphs,
  platforms: readonly Platform[],
  reads: SourceReads = {},
): Promise<Map<string, HrPerson>> {
  const asked = new Map<Tutelle, Set<string>>();
  for (const p of platforms)
    for (const s of p.staff)
      if (s.member) asked.set(s.tutelle, (asked.get(s.tutelle) ?? new Set()).add(s.member.id));
  const people = new Map<string, HrPerson>();
  await Promise.all(
    [...asked].map(async ([tutelle, ids]) => {
      const { typePrefix, subgraph } = TUTELLES[tutelle];
      if (!subgraphs.tutelles.includes(tutelle))
        throw new SourceUnavailableError(
          `The site was not given the URL of ${tutelle}'s subgraph`,
          `subgraph/${subgraph}`,
        );
      reads[tutelle] = (reads[tutelle] ?? 0) + 1;
      const { data, errors } = await subgraphs
        .client(tutelle)
        .request<{ _entities: Node[] }>(query(typePrefix), {
          representations: [...ids].map((id) => ({ __typename: `${typePrefix}StaffMember`, id })),
        });
      if (errors.length > 0 || !data)
        throw new SourceUnavailableError(
          `${tutelle}'s staff could not be read: ${errors[0]?.message ?? 'no data'}`,
          (errors[0]?.extensions?.source as string | undefined) ?? `subgraph/${subgraph}`,
        );
      for (const node of data._entities) {
        if (!node) continue;
        people.set(node.id, {
          id: node.id,
          tutelle,
          grade: node.grade,
          assignments: (node.assignments ?? []).map((a) => ({
            start: a.start,
            end: a.end,
            yearlyCost: a.yearlyCost?.amount ?? null,
          })),
        });
      }
    }),
  );
  return people;
}

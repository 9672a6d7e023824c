import { hubIdOf, MAX_PAGE_SIZE, TUTELLES, type Tutelle } from '@hub/schema';
import type { SubgraphClient } from '@hub/service-kit';
import { SourceUnavailableError } from '@hub/source-kit';
import type { Platform } from '../../graphql/types';
import type { TutelleSubgraphs } from '../../tutelle-subgraphs';
import type { CostAssignment, CostExpense, CostRecord, PlatformCostBase } from '../model/cost-base';
import { Exact } from '../model/exact';

/*
 * A year's cost base of many platforms at once, read from the tutelles' subgraphs as the hub's `service`
 * caller: per tutelle, one `_entities` request for every cost centre and every person of every platform
 * asked, then one more per further page of 500 records or expenses (for all the cost centres that have one),
 * never one per instrument or person. Salaries come back because `service` may read them; they leave this
 * module only inside the cost base, which the graph shows to salary readers alone.
 */

const RECORD_FIELDS = `id tutelle designation manufacturerNormalized serialNumberNormalized commissioningDate
  valueHT { amount } usefulLifeYears costCentre status`;
const EXPENSE_FIELDS = 'id tutelle date nature account label costCentre amountHT { amount }';
const page = (fields: string) => `totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} }`;

type Part = 'equipment' | 'expenses' | 'staff';

function entitiesQuery(tutelle: Tutelle, parts: ReadonlySet<Part>): string {
  const prefix = TUTELLES[tutelle].typePrefix;
  const centre = [
    parts.has('equipment') ? `equipment(first: $first, after: $after) { ${page(RECORD_FIELDS)} }` : '',
    parts.has('expenses')
      ? `expenses(year: $year, first: $first, after: $after) { ${page(EXPENSE_FIELDS)} }`
      : '',
  ].join(' ');
  const staff = parts.has('staff')
    ? `... on ${prefix}StaffMember { id assignments { start end yearlyCost { amount } } }`
    : '';
  const year = parts.has('expenses') ? ', $year: Int!' : '';
  return `query TariffCostBase($representations: [_Any!]!, $first: Int!, $after: String${year}) {
  _entities(representations: $representations) { ... on ${prefix}CostCentre { code ${centre} } ${staff} }
}`;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
type RecordNode = Omit<CostRecord, 'valueHT'> & { valueHT: { amount: number } };
type ExpenseNode = Omit<CostExpense, 'amountHT'> & { amountHT: { amount: number } };
type EntityNode =
  | { code: string; equipment?: Page<RecordNode> | null; expenses?: Page<ExpenseNode> | null }
  | {
      id: string;
      assignments: Array<{ start: string; end: string | null; yearlyCost: { amount: number } | null }> | null;
    }
  | null;

/** What one tutelle answered for the cost centres and people asked. */
interface TutelleAnswer {
  records: Map<string, CostRecord[]>;
  expenses: Map<string, CostExpense[]>;
  /** Hub id → assignments; absent: not in the tutelle's HR records. */
  staff: Map<string, CostAssignment[]>;
}

const toRecord = (n: RecordNode): CostRecord => ({ ...n, valueHT: Exact.euros(n.valueHT.amount) });
const toExpense = (n: ExpenseNode): CostExpense => ({ ...n, amountHT: Exact.euros(n.amountHT.amount) });

/** One tutelle read, for progress on long work. */
export interface GatherProgress {
  tutelle: Tutelle;
  costCentres: number;
  people: number;
  requests: number;
  ms: number;
  error: Error | null;
}

/** Subgraph requests made, per tutelle: what a computation costs the sources. */
export type RequestCounts = Partial<Record<Tutelle, number>>;

export class CostBaseReader {
  readonly requests: RequestCounts = {};

  constructor(
    private readonly subgraphs: TutelleSubgraphs,
    /** Counts of the process (all requests), kept beside this reader's own. */
    private readonly totals: RequestCounts = {},
    private readonly onProgress?: (progress: GatherProgress) => void,
  ) {}

  /** Subgraph requests made by this reader so far, all tutelles. */
  get requestCount(): number {
    return Object.values(this.requests).reduce((sum, n) => sum + (n ?? 0), 0);
  }

  /**
   * The cost bases of these platforms for a year. A platform one of whose tutelles could not be read gets
   * the error naming that tutelle's subgraph or source instead: an incomplete cost base would be a wrong
   * price. `signal` aborted, the requests in flight are cancelled and none follows.
   */
  async read(
    platforms: readonly Platform[],
    year: number,
    signal?: AbortSignal,
  ): Promise<Map<string, PlatformCostBase | Error>> {
    const asked = new Map<Tutelle, { centres: Set<string>; staff: Set<string> }>();
    const ask = (tutelle: Tutelle) => {
      const entry = asked.get(tutelle) ?? { centres: new Set<string>(), staff: new Set<string>() };
      asked.set(tutelle, entry);
      return entry;
    };
    for (const p of platforms) {
      for (const c of p.costCentres) ask(c.tutelle).centres.add(c.code);
      for (const s of p.staff) if (s.member) ask(s.tutelle).staff.add(s.member.id);
    }
    const answers = new Map<Tutelle, TutelleAnswer | Error>();
    await Promise.all(
      [...asked].map(async ([tutelle, { centres, staff }]) => {
        const started = performance.now();
        const before = this.requests[tutelle] ?? 0;
        const answer = await this.readTutelle(tutelle, [...centres], [...staff], year, signal).catch(
          (e: Error) => e,
        );
        answers.set(tutelle, answer);
        this.onProgress?.({
          tutelle,
          costCentres: centres.size,
          people: staff.size,
          requests: (this.requests[tutelle] ?? 0) - before,
          ms: Math.round(performance.now() - started),
          error: answer instanceof Error ? answer : null,
        });
      }),
    );
    return new Map(
      platforms.map((p): [string, PlatformCostBase | Error] => {
        const used = new Set([...p.costCentres.map((c) => c.tutelle), ...p.staff.map((s) => s.tutelle)]);
        const failed = [...used].map((t) => answers.get(t)).find((a): a is Error => a instanceof Error);
        if (failed) return [p.code, failed];
        const answer = (t: Tutelle) => answers.get(t) as TutelleAnswer;
        return [
          p.code,
          {
            platform: p.code,
            year,
            records: p.costCentres.flatMap((c) => answer(c.tutelle).records.get(c.code) ?? []),
            expenses: p.costCentres.flatMap((c) => answer(c.tutelle).expenses.get(c.code) ?? []),
            staff: p.staff.map((s) => {
              const id = s.member?.id ?? hubIdOf(s.tutelle, '?');
              return {
                tutelle: s.tutelle,
                id,
                share: s.share,
                assignments: s.member ? (answer(s.tutelle).staff.get(id) ?? null) : null,
              };
            }),
          },
        ];
      }),
    );
  }

  private async request(
    client: SubgraphClient,
    tutelle: Tutelle,
    parts: ReadonlySet<Part>,
    representations: object[],
    variables: { year: number; after: string | null },
    signal: AbortSignal | undefined,
  ): Promise<EntityNode[]> {
    for (const counts of [this.requests, this.totals]) counts[tutelle] = (counts[tutelle] ?? 0) + 1;
    const { data, errors } = await client.request<{ _entities: EntityNode[] }>(
      entitiesQuery(tutelle, parts),
      {
        representations,
        first: MAX_PAGE_SIZE,
        ...variables,
      },
      { signal },
    );
    if (errors.length > 0 || !data) {
      const source =
        (errors[0]?.extensions?.source as string | undefined) ?? `subgraph/${TUTELLES[tutelle].subgraph}`;
      throw new SourceUnavailableError(
        `${tutelle}'s costs could not be read: ${errors[0]?.message ?? 'no data'}`,
        source,
      );
    }
    return data._entities;
  }

  private async readTutelle(
    tutelle: Tutelle,
    centres: string[],
    staffIds: string[],
    year: number,
    signal: AbortSignal | undefined,
  ): Promise<TutelleAnswer> {
    if (!this.subgraphs.tutelles.includes(tutelle)) {
      throw new SourceUnavailableError(
        `The site was not given the URL of ${tutelle}'s subgraph`,
        `subgraph/${TUTELLES[tutelle].subgraph}`,
      );
    }
    const client = this.subgraphs.client(tutelle);
    const typename = TUTELLES[tutelle].typePrefix;
    const centreRef = (code: string) => ({ __typename: `${typename}CostCentre`, code });
    const answer: TutelleAnswer = { records: new Map(), expenses: new Map(), staff: new Map() };
    const nodes = await this.request(
      client,
      tutelle,
      new Set(['equipment', 'expenses', 'staff']),
      [...centres.map(centreRef), ...staffIds.map((id) => ({ __typename: `${typename}StaffMember`, id }))],
      { year, after: null },
      signal,
    );
    // Further pages, by cursor: the cost centres at the same cursor are asked together, for both lists when
    // either needs it (past its end, a list's page is empty).
    const more = new Map<string, { codes: Set<string>; parts: Set<Part> }>();
    const pending = (part: Part, list: Page<unknown>, code: string) => {
      const cursor = list.pageInfo.endCursor;
      if (!list.pageInfo.hasNextPage || !cursor) return;
      const next = more.get(cursor) ?? { codes: new Set<string>(), parts: new Set<Part>() };
      next.codes.add(code);
      next.parts.add(part);
      more.set(cursor, next);
    };
    const collect = (node: EntityNode) => {
      if (node && 'code' in node) {
        if (node.equipment) {
          const list = answer.records.get(node.code) ?? [];
          answer.records.set(node.code, [...list, ...node.equipment.nodes.map(toRecord)]);
          pending('equipment', node.equipment, node.code);
        }
        if (node.expenses) {
          const list = answer.expenses.get(node.code) ?? [];
          answer.expenses.set(node.code, [...list, ...node.expenses.nodes.map(toExpense)]);
          pending('expenses', node.expenses, node.code);
        }
      } else if (node && 'id' in node && node.assignments) {
        answer.staff.set(
          node.id,
          node.assignments.map((a) => ({
            start: a.start,
            end: a.end,
            yearlyCost: a.yearlyCost ? Exact.euros(a.yearlyCost.amount) : null,
          })),
        );
      }
    };
    nodes.forEach(collect);
    while (more.size > 0) {
      const [after, { codes, parts }] = more.entries().next().value as [
        string,
        { codes: Set<string>; parts: Set<Part> },
      ];
      more.delete(after);
      const next = await this.request(
        client,
        tutelle,
        parts,
        [...codes].map(centreRef),
        { year, after },
        signal,
      );
      next.forEach(collect);
    }
    return answer;
  }
}

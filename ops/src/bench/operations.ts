import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_PAGE_SIZE, Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';

/*
 * The operations real users send, one .graphql file each in ./operations (swap in new fields there), who
 * sends them (the role of the token), and what makes an answer right: the same data as the reference
 * gateway's (stock @apollo/gateway), no error, and data that is really there.
 */

/** A JSON object of an answer, navigated along the operation's own shape. */
// biome-ignore lint/suspicious/noExplicitAny: answers are untyped JSON; each operation reads its own shape.
type Node = Record<string, any>;

export interface GraphQLAnswer {
  data?: Node | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Asks a gateway once: used to pick variables from the demo data and to take reference answers. */
export type Ask = (
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => Promise<GraphQLAnswer>;

export interface BenchOperation {
  name: string;
  /** Who sends it. */
  who: string;
  query: string;
  variables: Record<string, unknown>;
  /** Request headers: the bearer token of the role that sends it, if any. */
  headers: Record<string, string>;
  /** Why an answer with no error is still not a real answer (empty list...); null when it is one. */
  emptiness(data: Node): string | null;
}

const file = (name: string) => readFileSync(path.join(__dirname, 'operations', `${name}.graphql`), 'utf8');

const equipmentTotal = (platforms: Node[]) =>
  platforms.flatMap((p) => p.costCentres as Node[]).reduce((n, c) => n + (c.equipment?.totalCount ?? 0), 0);
const platformsWithEquipment = (list: Node[]) =>
  list.length === 0 ? 'no platform' : equipmentTotal(list) === 0 ? 'no equipment' : null;

/** The year the platform sheet prices: the demo's last whole year of expenses. */
const TARIFF_YEAR = 2025;

/** The demo data's platforms, to pick variables that answer something at any scale. */
const DISCOVERY = `{ platforms(first: 500) { nodes { code themes costCentres { tutelle } } } }`;

/** Most frequent first, ties by name: deterministic for one demo seed and scale. */
function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/** The operations, with variables picked from the demo data through `ask` and tokens minted. */
export async function loadOperations(ask: Ask, env: NodeJS.ProcessEnv): Promise<BenchOperation[]> {
  const discovered = await ask(DISCOVERY);
  const platforms = (discovered.data?.platforms?.nodes ?? []) as Node[];
  if (platforms.length === 0) throw new Error(`No platform in the demo data: ${JSON.stringify(discovered)}`);
  const theme = mostFrequent(platforms.flatMap((p) => p.themes as string[]));
  const sheet = [...platforms].sort(
    (a, b) => b.costCentres.length - a.costCentres.length || a.code.localeCompare(b.code),
  )[0]!.code as string;
  const token = async (role: Role) =>
    `Bearer ${await mintToken(jwtSecret(env), { subject: `bench-${role}`, roles: [role] }, '12h')}`;

  return [
    {
      name: 'platform-search',
      who: 'the portal (public)',
      query: file('platform-search'),
      variables: { search: theme, first: 20 },
      headers: {},
      emptiness: (data) => platformsWithEquipment(data.platforms?.nodes ?? []),
    },
    {
      name: 'platform-sheet',
      who: 'the portal (public)',
      query: file('platform-sheet'),
      variables: { code: sheet, year: TARIFF_YEAR },
      headers: {},
      emptiness: (data) =>
        !data.platform
          ? `no platform ${sheet}`
          : !data.platform.tariffs
            ? `no tariff for ${sheet}`
            : platformsWithEquipment([data.platform]),
    },
    {
      name: 'site-totals',
      who: 'the steering committee',
      query: file('site-totals'),
      variables: { platforms: 500 },
      headers: { authorization: await token(Role.STEERING) },
      emptiness: (data) => (data.site?.[0]?.equipmentCount > 0 ? null : 'no instrument in the inventory'),
    },
    {
      name: 'inventory-page',
      who: 'central services',
      query: file('inventory-page'),
      variables: { tutelle: 'CNRS', first: 20 },
      headers: { authorization: await token(Role.CENTRAL) },
      emptiness: (data) =>
        (data.siteInventory?.nodes ?? []).some((n: Node) => n.records.length > 1)
          ? null
          : 'no co-funded instrument on the page',
    },
    // The big answers (issue 20): the same inventory page at the largest page size, and every platform.
    {
      name: 'inventory-page-500',
      who: 'central services',
      query: file('inventory-page'),
      variables: { tutelle: 'CNRS', first: MAX_PAGE_SIZE },
      headers: { authorization: await token(Role.CENTRAL) },
      emptiness: (data) =>
        (data.siteInventory?.nodes ?? []).length > 20 ? null : 'fewer than 21 instruments on the page',
    },
    {
      name: 'site-platforms',
      who: 'a catalogue export (public)',
      query: file('site-platforms'),
      variables: { first: MAX_PAGE_SIZE, equipment: 20 },
      headers: {},
      emptiness: (data) => platformsWithEquipment(data.platforms?.nodes ?? []),
    },
  ];
}

/** JSON with object keys sorted: two gateways' answers compare equal whatever order they merge fields in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** Why an answer is wrong (errors, or other data than the reference's), or null when it is right. */
export function wrongAnswer(answer: GraphQLAnswer, referenceData: string): string | null {
  if (answer.errors?.length)
    return `errors: ${answer.errors
      .slice(0, 3)
      .map((e) => `${e.extensions?.code ?? ''} ${e.message}`)
      .join('; ')}`;
  if (!answer.data) return 'no data';
  return canonicalJson(answer.data) === referenceData ? null : 'other data than the reference answer';
}

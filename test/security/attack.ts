import { createHmac } from 'node:crypto';
import { renameSync } from 'node:fs';
import { Role } from '@hub/schema';
import { mintToken, SIGNATURE_HEADER, signGatewayRequest, signServiceRequest } from '@hub/service-kit';

/*
 * The outside test's attacks (issue 14: findings 1-5, 8 and the smaller ones), replayed against a running
 * hub; prints what held. Read-only unless `--decisions` is given (it merges instruments).
 *
 *   npx tsx test/security/attack.ts http://127.0.0.1:4000/graphql \
 *     [--jwt-secret S] [--gateway-secret S] [--subgraph http://…/graphql] [--metrics-token T] \
 *     [--supergraph path/to/supergraph.graphql] [--decisions]
 */

export interface AttackOptions {
  gatewayUrl: string;
  /** Mints tokens (central, admin) for the attacks that need a role: `HUB_JWT_SECRET` of the hub. */
  jwtSecret?: string;
  /** Signs requests as the gateway would, to replay them at `subgraphUrl`: `HUB_GATEWAY_SECRET`. */
  gatewaySecret?: string;
  /** A tutelle subgraph's URL (UL's), for the replay attacks. */
  subgraphUrl?: string;
  metricsToken?: string;
  /** The gateway's supergraph file, on this machine: removed for a moment, then put back. */
  supergraphPath?: string;
  /** Concurrent merges: changes the inventory. */
  decisions?: boolean;
}

export type Outcome = 'held' | 'BROKEN' | 'skipped';
export interface Finding {
  finding: string;
  outcome: Outcome;
  detail: string;
}

type Answer = { status: number; ms: number; body: any };

async function post(url: string, query: string, variables?: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, ms: Math.round(performance.now() - started), body } as Answer;
}

const codes = (answer: Answer) => (answer.body?.errors ?? []).map((e: any) => e.extensions?.code);
const base = (url: string) => url.replace(/\/graphql$/, '');

async function token(options: AttackOptions, roles: Role[]): Promise<string | null> {
  if (!options.jwtSecret) return null;
  return mintToken(new TextEncoder().encode(options.jwtSecret), { subject: 'attack@hub', roles });
}

/** 1. A 50 KB search: refused at once, not 26 s of the site's CPU. */
async function hugeSearch({ gatewayUrl }: AttackOptions): Promise<Finding> {
  const search = Array.from({ length: 8_000 }, (_, i) => `w${i}`).join(' ');
  const answer = await post(
    gatewayUrl,
    'query($s: String) { siteInventory(filter: { search: $s }) { totalCount } }',
    {
      s: search,
    },
  );
  const held = codes(answer).includes('BAD_USER_INPUT') && answer.ms < 2_000;
  return {
    finding: '1 a 50 KB search',
    outcome: held ? 'held' : 'BROKEN',
    detail: `${answer.status} in ${answer.ms} ms, ${codes(answer)}`,
  };
}

/** 2. Volumes and hours per unit, which with the public prices give staff costs. */
async function publicVolumes({ gatewayUrl }: AttackOptions): Promise<Finding> {
  const answer = await post(
    gatewayUrl,
    '{ platforms(first: 100) { nodes { services { yearlyVolume staffHoursPerUnit equipmentHoursPerUnit } } } }',
  );
  const services = (answer.body?.data?.platforms?.nodes ?? []).flatMap((p: any) => p.services);
  const shown = services.filter((s: any) => Object.values(s).some((v) => v != null)).length;
  return {
    finding: '2 salaries from public prices',
    outcome: shown === 0 ? 'held' : 'BROKEN',
    detail: `${shown} of ${services.length} services show a model input to the public`,
  };
}

/** 3. Three merges at once: every record in exactly one instrument after, no internal error. */
async function concurrentMerges(options: AttackOptions): Promise<Finding> {
  const admin = await token(options, [Role.ADMIN]);
  if (!options.decisions || !admin)
    return {
      finding: '3 concurrent decisions',
      outcome: 'skipped',
      detail: 'needs --decisions and --jwt-secret',
    };
  const auth = { authorization: `Bearer ${admin}` };
  const read = async () =>
    (
      await post(
        options.gatewayUrl,
        '{ siteInventory(first: 500) { nodes { id tutelles records { id } } } }',
        {},
        auth,
      )
    ).body?.data?.siteInventory.nodes ?? [];
  const singles = (await read()).filter((e: any) => e.records.length === 1);
  const of = (t: string) => singles.filter((e: any) => e.tutelles[0] === t).map((e: any) => e.id);
  const [a, b] = [of('UL'), of('CNRS')];
  if (a.length < 2 || b.length < 2)
    return { finding: '3 concurrent decisions', outcome: 'skipped', detail: 'too few instruments' };
  const merge = (ids: string[]) =>
    post(options.gatewayUrl, 'mutation($ids: [ID!]!) { mergeEquipment(ids: $ids) { kind } }', { ids }, auth);
  const answers = await Promise.all([merge([a[0], b[0]]), merge([a[0], b[0]]), merge([a[0], b[1]])]);
  const internal = answers.filter((x) => codes(x).includes('INTERNAL_SERVER_ERROR')).length;
  const records = (await read()).flatMap((e: any) => e.records.map((r: any) => r.id));
  const twice = records.length - new Set(records).size;
  return {
    finding: '3 concurrent decisions',
    outcome: internal === 0 && twice === 0 ? 'held' : 'BROKEN',
    detail: `${internal} internal errors, ${twice} records counted twice; answers ${answers.map((x) => codes(x).join('+') || 'ok').join(', ')}`,
  };
}

/** 4. Many operation names: the metrics keep a bounded set of labels. */
async function metricsCardinality(options: AttackOptions): Promise<Finding> {
  for (let i = 0; i < 300; i++) await post(options.gatewayUrl, `query Attack${i} { __typename }`);
  const headers: Record<string, string> = options.metricsToken
    ? { authorization: `Bearer ${options.metricsToken}` }
    : {};
  const response = await fetch(`${base(options.gatewayUrl)}/metrics`, { headers });
  if (response.status === 401)
    return {
      finding: '4 metrics cardinality',
      outcome: 'skipped',
      detail: '/metrics closed (401): give --metrics-token',
    };
  const labels = new Set([...(await response.text()).matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
  return {
    finding: '4 metrics cardinality',
    outcome: labels.size <= 102 ? 'held' : 'BROKEN',
    detail: `${labels.size} operation labels after 300 names`,
  };
}

/** 5. The supergraph file removed: the gateway keeps answering and says so. */
async function supergraphRemoved(options: AttackOptions): Promise<Finding> {
  if (!options.supergraphPath)
    return { finding: '5 supergraph removed', outcome: 'skipped', detail: 'needs --supergraph' };
  const aside = `${options.supergraphPath}.attack`;
  renameSync(options.supergraphPath, aside);
  try {
    // The watcher polls every 500 ms: two periods and more.
    await new Promise((r) => setTimeout(r, 1_500));
    const answer = await post(options.gatewayUrl, '{ __typename }');
    return {
      finding: '5 supergraph removed',
      outcome: answer.status === 200 ? 'held' : 'BROKEN',
      detail: `the gateway answered ${answer.status} with its file gone`,
    };
  } catch (error) {
    return { finding: '5 supergraph removed', outcome: 'BROKEN', detail: (error as Error).message };
  } finally {
    renameSync(aside, options.supergraphPath);
  }
}

/** 8. A signed request replayed (as is, token stripped); a subgraph called without the gateway. */
async function replays(options: AttackOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { subgraphUrl, gatewaySecret } = options;
  if (!subgraphUrl || !gatewaySecret)
    return [
      {
        finding: '8 signed requests replayed',
        outcome: 'skipped',
        detail: 'needs --subgraph and --gateway-secret',
      },
    ];
  const SALARY = '{ ulStaffMember(id: "UL:00123456") { assignments { yearlyCost { amount } } } }';
  const service = signServiceRequest(gatewaySecret, 'site', { query: SALARY, variables: undefined });
  const first = await post(subgraphUrl, SALARY, undefined, { [SIGNATURE_HEADER]: service });
  const replayed = await post(subgraphUrl, SALARY, undefined, { [SIGNATURE_HEADER]: service });
  findings.push({
    finding: '8 a site→subgraph request replayed',
    outcome: replayed.status === 403 ? 'held' : 'BROKEN',
    detail: `first ${first.status}, replay ${replayed.status}`,
  });
  const central = await token(options, [Role.CENTRAL]);
  if (central) {
    const signed = signGatewayRequest(gatewaySecret, {
      query: SALARY,
      variables: undefined,
      authorization: `Bearer ${central}`,
    });
    const stripped = await post(subgraphUrl, SALARY, undefined, { [SIGNATURE_HEADER]: signed });
    findings.push({
      finding: "8 a gateway request replayed without its caller's token",
      outcome: stripped.status === 403 ? 'held' : 'BROKEN',
      detail: `answered ${stripped.status}`,
    });
  }
  if (central) {
    const direct = await post(subgraphUrl, SALARY, undefined, { authorization: `Bearer ${central}` });
    findings.push({
      finding: '8 a subgraph called directly with a valid token',
      outcome: direct.status === 403 ? 'held' : 'BROKEN',
      detail: `answered ${direct.status}`,
    });
  }
  return findings;
}

/** An HS256 token the hub's key signed, as mintToken would but with no `exp`: good forever if accepted. */
function tokenWithoutExpiry(secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { roles: [Role.ADMIN], platforms: [], iss: 'lorraine-research-hub', sub: 'attack@hub' };
  const unsigned = `${part({ alg: 'HS256' })}.${part({ ...claims, iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** 8. A token without expiry, signed with the hub's key: refused. */
async function tokenNeverExpiring(options: AttackOptions): Promise<Finding> {
  if (!options.jwtSecret)
    return { finding: '8 an HS256 token without expiry', outcome: 'skipped', detail: 'needs --jwt-secret' };
  const answer = await post(options.gatewayUrl, '{ __typename }', undefined, {
    authorization: `Bearer ${tokenWithoutExpiry(options.jwtSecret)}`,
  });
  return {
    finding: '8 an HS256 token without expiry',
    outcome: codes(answer).includes('UNAUTHENTICATED') ? 'held' : 'BROKEN',
    detail: `${answer.status} ${codes(answer)}`,
  };
}

/** 10. Anonymous /health: status only; an oversized document: 400. */
async function smaller(options: AttackOptions): Promise<Finding[]> {
  const health = await (await fetch(`${base(options.gatewayUrl)}/health`)).text();
  const leaks = /sources|\d+\.\d+\.\d+\.\d+|postgres|sqlite|ECONNREFUSED/i.test(health);
  const big = await post(options.gatewayUrl, `{ ${'__typename '.repeat(5_000)} }`);
  return [
    { finding: '10 anonymous /health', outcome: leaks ? 'BROKEN' : 'held', detail: health.slice(0, 120) },
    {
      finding: '10 token-limit refusal',
      outcome:
        big.status >= 400 && big.status < 500 && codes(big).includes('QUERY_LIMIT_EXCEEDED')
          ? 'held'
          : 'BROKEN',
      detail: `${big.status} ${codes(big)}`,
    },
  ];
}

export async function runAttacks(options: AttackOptions): Promise<Finding[]> {
  return [
    await hugeSearch(options),
    await publicVolumes(options),
    await concurrentMerges(options),
    await metricsCardinality(options),
    await supergraphRemoved(options),
    ...(await replays(options)),
    await tokenNeverExpiring(options),
    ...(await smaller(options)),
  ];
}

function optionsOf(argv: string[]): AttackOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const gatewayUrl = argv.find((a) => /^https?:\/\//.test(a) && argv[argv.indexOf(a) - 1] !== '--subgraph');
  if (!gatewayUrl) throw new Error('usage: attack.ts <gatewayUrl> [--jwt-secret S] [--gateway-secret S] …');
  return {
    gatewayUrl,
    jwtSecret: value('jwt-secret'),
    gatewaySecret: value('gateway-secret'),
    subgraphUrl: value('subgraph'),
    metricsToken: value('metrics-token'),
    supergraphPath: value('supergraph'),
    decisions: argv.includes('--decisions'),
  };
}

if (require.main === module) {
  runAttacks(optionsOf(process.argv.slice(2))).then(
    (findings) => {
      for (const f of findings) console.log(`${f.outcome.padEnd(8)} ${f.finding.padEnd(48)} ${f.detail}`);
      process.exitCode = findings.some((f) => f.outcome === 'BROKEN') ? 1 : 0;
    },
    (error) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}

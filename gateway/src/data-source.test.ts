import { Role } from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { HubDataSource } from './data-source';

/*
 * The gateway's subgraph data source merging the fetches that start together for one caller: one request's
 * parallel fetches and its concurrent requests' alike, never two callers' (their authorizations differ).
 */

const QUERY =
  'query Sheet__ul__1($representations:[_Any!]!){_entities(representations:$representations){...on UlStaffMember{id}}}';

/** A subgraph that answers each `_entities` field with the ids it was given, and counts its requests. */
function subgraph() {
  const requests: Array<{ authorization: string | null; query: string }> = [];
  const fetcher = async (_url: string, init?: { body?: string; headers?: Record<string, string> }) => {
    const { query, variables } = JSON.parse(init!.body!) as {
      query: string;
      variables: Record<string, Array<{ id: string }>>;
    };
    requests.push({ authorization: init?.headers?.authorization ?? null, query });
    const data = Object.fromEntries(
      Object.entries(variables).map(([name, list]) => [
        name === 'representations' ? '_entities' : `${name.replace(/_representations$/, '')}__entities`,
        list.map(({ id }) => ({ id })),
      ]),
    );
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetcher };
}

const caller: Caller = { subject: null, roles: [Role.PUBLIC], platforms: [] };

function fetchStaff(source: HubDataSource, id: string, authorization?: string) {
  return source.process({
    kind: 'incoming operation',
    request: {
      query: QUERY,
      variables: { representations: [{ __typename: 'UlStaffMember', id }] },
      operationName: 'Sheet__ul__1',
      http: { method: 'POST', url: 'http://ul/graphql', headers: new Headers() },
    },
    // A context of its own per client request, as the gateway makes them.
    context: { caller, ...(authorization ? { authorization } : {}) },
    incomingRequestContext: {},
  } as unknown as Parameters<HubDataSource['process']>[0]);
}

it('sends the fetches of concurrent requests by one caller as one subgraph request, each its own answer', async () => {
  const { requests, fetcher } = subgraph();
  const source = new HubDataSource({ url: 'http://ul/graphql', fetcher: fetcher as never });
  const answers = await Promise.all(['UL:1', 'UL:2', 'UL:3'].map((id) => fetchStaff(source, id)));
  expect(answers.map((a) => a.data)).toEqual([
    { _entities: [{ id: 'UL:1' }] },
    { _entities: [{ id: 'UL:2' }] },
    { _entities: [{ id: 'UL:3' }] },
  ]);
  expect(requests).toHaveLength(1);
});

it('never merges two callers: each authorization goes in a request of its own', async () => {
  const { requests, fetcher } = subgraph();
  const source = new HubDataSource({ url: 'http://ul/graphql', fetcher: fetcher as never });
  const answers = await Promise.all([
    fetchStaff(source, 'UL:1', 'Bearer central'),
    fetchStaff(source, 'UL:2', 'Bearer steering'),
    fetchStaff(source, 'UL:3', 'Bearer central'),
  ]);
  expect(answers.map((a) => a.data?._entities)).toEqual([
    [{ id: 'UL:1' }],
    [{ id: 'UL:2' }],
    [{ id: 'UL:3' }],
  ]);
  expect(requests.map((r) => r.authorization).sort()).toEqual(['Bearer central', 'Bearer steering']);
});

it('sends identical fetches of concurrent requests once, each request its own copy of the answer', async () => {
  const { requests, fetcher } = subgraph();
  const source = new HubDataSource({ url: 'http://ul/graphql', fetcher: fetcher as never });
  const answers = await Promise.all(['UL:1', 'UL:1', 'UL:2', 'UL:1'].map((id) => fetchStaff(source, id)));
  expect(answers.map((a) => a.data)).toEqual([
    { _entities: [{ id: 'UL:1' }] },
    { _entities: [{ id: 'UL:1' }] },
    { _entities: [{ id: 'UL:2' }] },
    { _entities: [{ id: 'UL:1' }] },
  ]);
  // One request, UL:1's operation in it once: the merged operation's two parts only.
  expect(requests).toHaveLength(1);
  expect(requests[0]!.query.match(/_entities\(/g)).toHaveLength(2);
  // @apollo/gateway merges into what it gets: one request's changes never show in another's answer.
  (answers[0]!.data!._entities as Array<{ id: string }>)[0]!.id = 'changed';
  expect(answers[1]!.data).toEqual({ _entities: [{ id: 'UL:1' }] });
});

it('sends identical fetches apart when sharing is off', async () => {
  const { requests, fetcher } = subgraph();
  const source = new HubDataSource({ url: 'http://ul/graphql', fetcher: fetcher as never, share: false });
  await Promise.all(['UL:1', 'UL:1'].map((id) => fetchStaff(source, id)));
  expect(requests).toHaveLength(1);
  expect(requests[0]!.query.match(/_entities\(/g)).toHaveLength(2);
});

import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** A subgraph that accepts connections and never answers: the gateway gives up on it, not on the request. */
describe('a subgraph that hangs', () => {
  let hub: Hub;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      subgraphUrls: { chru: `http://127.0.0.1:${port}/graphql` },
      subgraphTimeoutMs: 1000,
    });
  });
  afterAll(async () => {
    await hub?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it("answers within its timeout, the hung tutelle's part null with an error naming it", async () => {
    const started = Date.now();
    const { data, errors } = await hub.query(
      '{ platform(code: "MICROSCOPY") { code costCentres { tutelle equipment { totalCount } } } }',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(data?.platform.code).toBe('MICROSCOPY');
    expect(data?.platform.costCentres).toEqual([
      { tutelle: 'UL', equipment: null },
      { tutelle: 'CHRU', equipment: null },
    ]);
    expect(errors?.map((e) => [e.extensions?.code, e.extensions?.source])).toEqual(
      expect.arrayContaining([
        ['SOURCE_UNAVAILABLE', 'UL/sifac+siham'],
        ['SOURCE_UNAVAILABLE', 'subgraph/chru'],
      ]),
    );
  });
});

import type { Tutelle } from '@hub/schema';
import type { TutelleConnector } from '@hub/source-kit';
import type { FeedPage, InventoryFeed } from '@hub/subgraph-site';

/**
 * The sync's feed straight over connectors, without the tutelle subgraphs' HTTP between (that path has its
 * own end-to-end test): the same pages, cursors and `hasMore` as the subgraph's `…InventoryFeed` query.
 */
export function connectorFeed(connectors: readonly TutelleConnector[]): InventoryFeed {
  const byTutelle = new Map<Tutelle, TutelleConnector>(connectors.map((c) => [c.tutelle, c]));
  return {
    tutelles: [...byTutelle.keys()],
    async page(tutelle, { first, after, changedSince }): Promise<FeedPage> {
      const connector = byTutelle.get(tutelle)!;
      for await (const page of connector.readInventory({ pageSize: first, after, changedSince }))
        return { ...page, hasMore: page.records.length >= first, incremental: connector.incremental };
      return {
        records: [],
        cursor: after,
        changedUpTo: null,
        hasMore: false,
        incremental: connector.incremental,
      };
    },
  };
}

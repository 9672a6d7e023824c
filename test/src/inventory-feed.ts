import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CnrsConnector, cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { UlConnector, ulSqliteDatabase } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { writeCnrsSqlite, writeUlSqlite } from '@hub/ops';
import type { Tutelle } from '@hub/schema';
import type { TutelleConnector } from '@hub/source-kit';
import {
  type FeedPage,
  type InventoryFeed,
  loadRegistry,
  openSiteDatabase,
  parseRegistryFile,
  type SiteDatabaseConfig,
  SiteInventory,
  type SiteOrm,
} from '@hub/subgraph-site';

/** UL's and CNRS's fixture replicas written as SQLite under `dir`, and their connectors (UL read as of 2026). */
export async function fixtureConnectors(dir: string): Promise<TutelleConnector[]> {
  writeUlSqlite(UL_FIXTURE, path.join(dir, 'ul'));
  writeCnrsSqlite(CNRS_FIXTURE, path.join(dir, 'cnrs'));
  return [
    await UlConnector.connect({ database: ulSqliteDatabase(path.join(dir, 'ul')), asOf: () => '2026-01-01' }),
    await CnrsConnector.connect({ database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) }),
  ];
}

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

/**
 * A site database holding the fixtures' registry, and its inventory fed by UL's and CNRS's fixture connectors
 * (written under `dir`); `close()` closes the connectors and the database, not the database's server.
 */
export async function fixtureInventory(
  dir: string,
  site: SiteDatabaseConfig,
): Promise<{ orm: SiteOrm; inventory: SiteInventory; close(): Promise<void> }> {
  const connectors = await fixtureConnectors(dir);
  const orm = await openSiteDatabase(site);
  const registry = readFileSync(path.join(__dirname, '../fixtures/registry.yaml'), 'utf8');
  await loadRegistry(orm.em.fork(), parseRegistryFile(registry));
  return {
    orm,
    inventory: new SiteInventory(orm.em, connectorFeed(connectors)),
    close: async () => {
      for (const connector of connectors) await connector.close();
      await orm.close(true);
    },
  };
}

import { defineTutelleReferences, FEDERATED_TUTELLES, type Tutelle } from '@hub/schema';
import { buildFederatedSchema, type RunningServer, startGraphQLServer } from '@hub/service-kit';
import type { GraphQLSchema } from 'graphql';
import { RegistryCache, RegistryReader, type SiteContext } from './context';
import { CORIS_ROW_RESOLVERS, CorisResolver, PlatformHistoryResolver, SnapshotStore } from './coris';
import { openSiteDatabase, type SiteDatabaseConfig, type SiteOrm } from './database';
import { PlatformResolver, ServiceModelInputResolver, siteReferenceResolvers } from './graphql/resolvers';
import {
  InventoryReader,
  inventoryReferenceResolvers,
  inventoryResolvers,
  type MatchOptions,
  recordReferences,
  SiteInventory,
  SubgraphInventoryFeed,
} from './inventory';
import { RegistryEditResolver, RegistryWriter } from './registry';
import {
  groupByReconciledEquipment,
  type InstrumentGrouping,
  readTariffPolicy,
  TARIFF_RESOLVERS,
  TariffEngine,
} from './tariffs';
import { TutelleSubgraphs, type TutelleSubgraphUrls } from './tutelle-subgraphs';

/** The site subgraph's schema: the registry, and references to the tutelles' records. */
export function buildSiteSchema(): Promise<GraphQLSchema> {
  const references = FEDERATED_TUTELLES.flatMap((t) => Object.values(defineTutelleReferences(t)));
  return buildFederatedSchema({
    resolvers: [
      PlatformResolver,
      ServiceModelInputResolver,
      RegistryEditResolver,
      CorisResolver,
      PlatformHistoryResolver,
      ...CORIS_ROW_RESOLVERS,
      ...TARIFF_RESOLVERS,
      ...inventoryResolvers(),
    ],
    orphanedTypes: [...references, ...recordReferences()],
    referenceResolvers: { ...siteReferenceResolvers, ...inventoryReferenceResolvers },
  });
}

export interface SiteSubgraphOptions {
  database: SiteDatabaseConfig;
  /** The tutelles' subgraphs the site reads for the site-wide inventory and the tariffs. */
  tutelleSubgraphs?: TutelleSubgraphUrls;
  /**
   * The tutelles this site runs (`HUB_TUTELLES`): the only ones whose cost centres and staff the site
   * hands out references to; a tutelle not run is absent from the answers. Every tutelle by default.
   */
  tutelles?: readonly Tutelle[];
  /** The tariff policy file (`HUB_TARIFF_POLICY`); the committed default when not given. */
  tariffPolicy?: string;
  /** Which records are one instrument, for depreciation; the reconciled site inventory's by default. */
  instrumentGrouping?: InstrumentGrouping;
  /** How long a platform's cost base for a year is kept between requests, seconds; off when not set. */
  tariffCacheTtlSeconds?: number;
  /** The matcher's threshold and review floor; the documented defaults where not set. */
  match?: MatchOptions;
  port: number;
  host?: string;
}

export async function startSiteSubgraph(options: SiteSubgraphOptions): Promise<
  RunningServer & {
    orm: SiteOrm;
    tutelles: TutelleSubgraphs;
    tariffs: TariffEngine;
    inventory: SiteInventory;
  }
> {
  const orm = await openSiteDatabase(options.database);
  const registry = new RegistryCache(orm.em, options.tutelles ?? FEDERATED_TUTELLES);
  const registryWriter = new RegistryWriter(orm.em);
  const snapshots = new SnapshotStore(orm.em);
  const tutelles = new TutelleSubgraphs(options.tutelleSubgraphs ?? {});
  // Read before serving: a bad policy file stops the start with its problems, not the first tariff.
  const inventory = new SiteInventory(orm.em, new SubgraphInventoryFeed(tutelles), {}, options.match);
  const tariffs = new TariffEngine(readTariffPolicy(options.tariffPolicy), tutelles, {
    grouping: options.instrumentGrouping ?? groupByReconciledEquipment(inventory),
    ...(options.tariffCacheTtlSeconds ? { costBaseTtlSeconds: options.tariffCacheTtlSeconds } : {}),
  });
  const server = await startGraphQLServer<SiteContext>({
    name: 'site',
    port: options.port,
    host: options.host,
    schema: await buildSiteSchema(),
    requireGatewaySignature: true,
    context: (caller, _request, signal) => ({
      caller,
      registry: new RegistryReader(registry),
      tutelles,
      tariffs: tariffs.forRequest({ signal }),
      inventory: new InventoryReader(inventory),
      registryWriter,
      snapshots,
      signal,
    }),
    health: async () => {
      const started = performance.now();
      const up = await orm.isConnected();
      return [{ source: 'site/registry', up, latencyMs: Math.round(performance.now() - started) }];
    },
  });
  return {
    ...server,
    orm,
    tutelles,
    tariffs,
    inventory,
    close: async () => {
      await server.close();
      await orm.close(true);
    },
  };
}

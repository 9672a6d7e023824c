import { TUTELLES, type Tutelle } from '@hub/schema';
import type { InventoryRecordData, ReadOptions } from '@hub/source-kit';
import { SourceUnavailableError } from '@hub/source-kit';
import type { TutelleSubgraphs } from '../../tutelle-subgraphs';

/** One page of a tutelle's inventory feed (`ulInventoryFeed`...). */
export interface FeedPage {
  records: InventoryRecordData[];
  cursor: string | null;
  changedUpTo: string | null;
  hasMore: boolean;
  incremental: boolean;
}

export interface FeedRequest {
  first: number;
  after: string | null;
  changedSince: string | null;
}

/** Where the sync reads the tutelles' inventories from: their subgraphs, or anything speaking the same pages. */
export interface InventoryFeed {
  readonly tutelles: readonly Tutelle[];
  /** One page; stops when `signal` aborts (the sync's lease lost). */
  page(tutelle: Tutelle, request: FeedRequest, options?: ReadOptions): Promise<FeedPage>;
}

const RECORD_FIELDS = `id tutelle inventoryNumber designation details manufacturer model manufacturerNormalized
  serialNumber serialNumberNormalized commissioningDate value { amount currency basis vatRate }
  valueHT { amount currency basis vatRate } usefulLifeYears unitCode costCentre status funding additionCount`;

/** The feed over the tutelles' subgraphs, read as the hub's `service` caller: credentials stay in each subgraph. */
export class SubgraphInventoryFeed implements InventoryFeed {
  constructor(private readonly subgraphs: TutelleSubgraphs) {}

  get tutelles(): readonly Tutelle[] {
    return this.subgraphs.tutelles;
  }

  async page(tutelle: Tutelle, request: FeedRequest, { signal }: ReadOptions = {}): Promise<FeedPage> {
    const field = `${TUTELLES[tutelle].typePrefix.toLowerCase()}InventoryFeed`;
    const query = `query Feed($first: Int!, $after: String, $changedSince: String) {
      ${field}(first: $first, after: $after, changedSince: $changedSince) {
        records { ${RECORD_FIELDS} } cursor changedUpTo hasMore incremental
      }
    }`;
    const response = await this.subgraphs
      .client(tutelle)
      .request<Record<string, FeedPage | null>>(query, { ...request }, { signal });
    const page = response.data?.[field];
    if (!page) {
      const first = response.errors[0];
      throw new SourceUnavailableError(
        `${tutelle}'s inventory feed failed: ${first?.message ?? 'no data'}`,
        String(first?.extensions?.source ?? `subgraph/${TUTELLES[tutelle].subgraph}`),
      );
    }
    return page;
  }
}

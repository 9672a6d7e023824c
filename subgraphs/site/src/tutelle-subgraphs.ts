import { FEDERATED_TUTELLES, TUTELLES, type Tutelle } from '@hub/schema';
import { SubgraphClient } from '@hub/service-kit';

/** Where each tutelle's subgraph answers, by tutelle: what the site reads them at. */
export type TutelleSubgraphUrls = Partial<Record<Tutelle, string>>;

/**
 * The tutelles' subgraphs as the site reads them, for what no single tutelle can answer (the site-wide
 * inventory, the full-cost tariffs): through their subgraphs, over HTTP, as the hub's `service` caller, so
 * that each tutelle's credentials stay in its own subgraph.
 */
export class TutelleSubgraphs {
  private readonly clients = new Map<Tutelle, SubgraphClient>();

  constructor(urls: TutelleSubgraphUrls) {
    for (const tutelle of FEDERATED_TUTELLES) {
      const url = urls[tutelle];
      if (url)
        this.clients.set(
          tutelle,
          new SubgraphClient({ subgraph: TUTELLES[tutelle].subgraph, url, service: 'site' }),
        );
    }
  }

  /** The tutelles the site can read, in the schema's order. */
  get tutelles(): Tutelle[] {
    return [...this.clients.keys()];
  }

  /** The client of one tutelle's subgraph; an error where the site was not told where it is. */
  client(tutelle: Tutelle): SubgraphClient {
    const client = this.clients.get(tutelle);
    if (!client) throw new Error(`The site was not given the URL of ${tutelle}'s subgraph`);
    return client;
  }
}

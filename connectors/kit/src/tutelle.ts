import type { Tutelle } from '@hub/schema';
import type { TutelleConnector } from './connector';
import type { Settings } from './settings';

/**
 * Everything the hub needs to know of one tutelle, in its connector's folder: the hub's configuration,
 * services, composition, CLI and test harness all follow from the list of descriptors (ops/src/tutelles.ts).
 * Adding a tutelle is adding its folder and its line there (docs/CONNECTORS.md).
 */
export interface TutelleDescriptor<Options = unknown> {
  tutelle: Tutelle;
  /** Its subgraph's name in the supergraph and its settings' infix: `ul` → `HUB_UL_PORT`. */
  name: string;
  /** Where its subgraph listens unless `HUB_<NAME>_PORT` says otherwise. */
  defaultPort: number;
  /**
   * How long its subgraph keeps a record it read, seconds, unless `HUB_<NAME>_READ_CACHE_TTL_S` says
   * otherwise: a short cache spares a source read by key; 0 for a source read whole (its connector keeps it).
   */
  readCacheTtlSeconds: number;
  /** Each setting its `configure` reads, with what it means (the README's configuration reference). */
  settings: Readonly<Record<string, string>>;
  /** Its connector's options from the settings; `demoDir` is the embedded demo's folder for this tutelle. */
  configure(settings: Settings, demoDir: string): Options;
  connect(options: Options): Promise<TutelleConnector>;
  /**
   * A stand-in source for the tests and the demo, where the connector's package ships one (the scaffold's
   * sample exports): written under `dir`, with the options that read it.
   */
  sample?(dir: string): Promise<Options>;
}

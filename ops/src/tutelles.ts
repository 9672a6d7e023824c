import { chruTutelle } from '@hub/connector-chru';
import { cnrsTutelle } from '@hub/connector-cnrs';
import { inraeTutelle } from '@hub/connector-inrae';
import { ulTutelle } from '@hub/connector-ul';
import type { TutelleDescriptor } from '@hub/source-kit';

/**
 * Every tutelle the hub knows, one line each, in the schema's order: configuration, services, composition,
 * the CLI and the test harness follow from this list. `hub connector new <name>` adds a line here
 * (docs/CONNECTORS.md). Which of them a site runs is configuration (`HUB_TUTELLES`).
 */
// biome-ignore lint/suspicious/noExplicitAny: each descriptor has its own connector's options.
export const TUTELLE_DESCRIPTORS: readonly TutelleDescriptor<any>[] = [
  ulTutelle,
  cnrsTutelle,
  inraeTutelle,
  chruTutelle,
  // hub connector new: registered tutelles above this line
];

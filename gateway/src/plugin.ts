import type { ApolloServerPlugin } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { AnswerShortcut, Caller } from '@hub/service-kit';
import type { SourceHealth } from '@hub/source-kit';

/*
 * The one shape of a gateway extension (as graphql-hive/gateway's `useXxx()` plugins): a function
 * `useXxx(options)` that returns a GatewayPlugin, whichever of the hooks below it needs. `startGateway`
 * builds the gateway (its @apollo/gateway subclass and data sources are its own, not extension points) and
 * composes the plugins it is configured with, in order. docs/ARCHITECTURE.md lists them.
 */
export interface GatewayPlugin {
  /** In logs and /health. */
  name: string;
  /** Wraps how every subgraph request is sent; the plugins' wrappers nest in order, the first innermost. */
  fetcher?: (next: Fetcher) => Fetcher;
  /** Takes part in each client request's life cycle (Apollo Server's plugin hooks). */
  apollo?: ApolloServerPlugin<{ caller: Caller }>;
  /** Answers it holds for requests known by their body and caller, sent before Apollo Server's pipeline. */
  shortcut?: AnswerShortcut;
  /** What /health says of it. */
  health?: () => SourceHealth;
  /** Called once the gateway has stopped serving. */
  close?: () => Promise<void>;
}

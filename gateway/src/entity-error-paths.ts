import { logger } from '@hub/service-kit';
import type { GatewayPlugin } from './plugin';

// The module the hub's patch changes (`require`: the module itself, where the patch keeps its switch).
import executeQueryPlan = require('@apollo/gateway/dist/executeQueryPlan');

/*
 * @apollo/gateway 2.14.4 places an error from an `_entities` fetch by the index of the representation sent,
 * while its paths count every entity at the fetch's path, those it sent no representation for included: the
 * error lands on a neighbour that has its data (a UL cost centre's error shown on a CNRS one). The hub's
 * patch (patches/@apollo__gateway@2.14.4.patch, applied by pnpm, which refuses to install another version
 * while the patch is declared) maps the index back to its entity. This module switches it on or off and
 * checks, when the gateway starts, that the patched function is the one running.
 */

interface PatchedModule {
  hubEntityErrorPaths?: {
    enabled: boolean;
    makeLazyErrorPathGenerator: (
      fetch: { requires?: unknown },
      cursor: { path: (string | number)[]; fullResult: unknown },
      representationToEntity?: number[],
    ) => (errorPath: (string | number)[]) => (string | number)[] | undefined;
  };
}

/** Where the patch stands in this process. */
export interface EntityErrorPathsState {
  live: boolean;
  /** Why it is not live (switched off, patch not applied, its self-test's answer). */
  reason: string | null;
}

/**
 * An error on the second representation of a fetch at `items.@` where only the second and third items got one:
 * it belongs to the third item, where stock 2.14.4 says the second.
 */
function selfTest(patch: NonNullable<PatchedModule['hubEntityErrorPaths']>): string | null {
  const generate = patch.makeLazyErrorPathGenerator(
    { requires: [] },
    { path: ['items', '@'], fullResult: { items: [{ id: 0 }, { id: 1 }, { id: 2 }] } },
    [1, 2],
  );
  const path = JSON.stringify(generate(['_entities', 1, 'price']));
  return path === '["items",2,"price"]'
    ? null
    : `self-test placed the error at ${path}, not ["items",2,"price"]`;
}

/** Switches the patch on (`enabled`) or off, process-wide, and says whether it is live. */
export function installEntityErrorPaths(enabled: boolean): EntityErrorPathsState {
  const patch = (executeQueryPlan as PatchedModule).hubEntityErrorPaths;
  if (!patch) return { live: false, reason: '@apollo/gateway is not the patched 2.14.4' };
  patch.enabled = true;
  const failed = selfTest(patch);
  patch.enabled = enabled && !failed;
  if (failed) return { live: false, reason: failed };
  return enabled
    ? { live: true, reason: null }
    : { live: false, reason: 'switched off (entityErrorPaths: false)' };
}

/**
 * The patch as a gateway plugin: switched when the gateway starts; /health says whether it is live. Answers'
 * data are the same either way, so it is never `up: false`: `error` says why error paths may be misplaced.
 */
export function useEntityErrorPaths(enabled: boolean): GatewayPlugin {
  const state = installEntityErrorPaths(enabled);
  if (enabled && !state.live)
    logger.error({ service: 'gateway', reason: state.reason }, 'entity error paths patch not live');
  return {
    name: 'entity-error-paths',
    health: () => ({
      source: 'gateway/entity-error-paths',
      up: true,
      latencyMs: 0,
      ...(state.live ? {} : { error: state.reason ?? 'not live' }),
    }),
  };
}

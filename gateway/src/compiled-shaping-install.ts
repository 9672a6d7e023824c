import { dirname } from 'node:path';
import { logger } from '@hub/service-kit';
import { parse } from 'graphql';
import { computeResponse, operationFromDocument, originals, shapedByCompiledSteps } from './compiled-shaping';
import type { GatewayPlugin } from './plugin';

// The modules whose exports are replaced (`require`: the modules themselves, not an import's copy).
import operations = require('@apollo/federation-internals/dist/operations');
import resultShaping = require('@apollo/gateway/dist/resultShaping');

/*
 * Compiled shaping (`compiled-shaping.ts`) replaces two functions of @apollo/gateway's dependencies through
 * their dist modules: it is written against one version of each, and it must reach the one copy of
 * @apollo/federation-internals that @apollo/gateway uses (with two copies, `condition instanceof Variable`
 * is false on the other's operations and `@include(if: $v)` would always include). So it is installed only
 * where the installed versions are the ones below and @apollo/gateway resolves the same
 * federation-internals as the hub (the workspace pins both exactly and overrides every other copy), and
 * only once an answer shaped through @apollo/gateway's own module export has come out right, conditions
 * read from variables included. Anything else: @apollo/gateway's own shaping, and the reason logged and
 * shown in /health.
 */

/** The versions compiled shaping was written and tested against: another needs a review of both files. */
export const SHAPING_WRITTEN_FOR = {
  '@apollo/gateway': '2.14.4',
  '@apollo/federation-internals': '2.14.4',
} as const;

/** Where compiled shaping stands in this process. */
export interface ShapingState {
  live: boolean;
  /** Why it is not live (switched off, another version, two copies, the self-test's answer). */
  reason: string | null;
}

let state: ShapingState = { live: false, reason: 'not installed' };

export const compiledShapingState = (): ShapingState => state;

const versionOf = (name: string, from?: string): string =>
  (
    require(require.resolve(`${name}/package.json`, from ? { paths: [from] } : undefined)) as {
      version: string;
    }
  ).version;

/** Why compiled shaping cannot be installed here, or null. */
function refusal(): string | null {
  const gatewayDir = dirname(require.resolve('@apollo/gateway/package.json'));
  for (const [name, version] of Object.entries(SHAPING_WRITTEN_FOR)) {
    const installed = versionOf(name, name === '@apollo/gateway' ? undefined : gatewayDir);
    if (installed !== version)
      return `${name} ${installed} installed, compiled shaping written for ${version}`;
  }
  const ours = require.resolve('@apollo/federation-internals/dist/operations');
  const theirs = require.resolve('@apollo/federation-internals/dist/operations', { paths: [gatewayDir] });
  if (ours !== theirs) return `two copies of @apollo/federation-internals (${ours}, ${theirs})`;
  if (
    typeof originals.computeResponse !== 'function' ||
    typeof originals.operationFromDocument !== 'function'
  )
    return '@apollo/gateway changed: computeResponse or operationFromDocument not found';
  return null;
}

/**
 * One answer shaped as `executeQueryPlan` shapes it (through both modules' exports), with a condition on a
 * variable: null when it came out right through the compiled steps, what went wrong otherwise.
 */
function selfTest(): string | null {
  const internals = require('@apollo/federation-internals') as typeof import('@apollo/federation-internals');
  const schema = internals.buildSchema('type Query { a: Int b: Int }');
  const document = parse('query ($v: Boolean!) { a @include(if: $v) b }');
  const operation = operations.operationFromDocument(schema, document, { validate: false });
  const compiledBefore = shapedByCompiledSteps();
  const { data, errors } = resultShaping.computeResponse({
    operation,
    variables: { v: false },
    input: { a: 1, b: 2 },
    introspectionHandling: () => null,
  });
  const answer = JSON.stringify(data);
  if (errors.length || answer !== '{"b":2}') return `self-test answered ${answer}, not {"b":2}`;
  if (shapedByCompiledSteps() !== compiledBefore + 1) return 'self-test answer not shaped by compiled steps';
  return null;
}

function uninstall(): void {
  (resultShaping as { computeResponse: unknown }).computeResponse = originals.computeResponse;
  (operations as { operationFromDocument: unknown }).operationFromDocument = originals.operationFromDocument;
}

/**
 * Route @apollo/gateway's result shaping and its per-request operation building through compiled steps
 * (`enabled`), or back to its own functions. Process-wide: every gateway of the process shapes one way.
 */
export function installCompiledShaping(enabled: boolean): ShapingState {
  uninstall();
  const reason = enabled ? refusal() : 'switched off (compiledShaping: false)';
  if (reason === null) {
    (resultShaping as { computeResponse: unknown }).computeResponse = computeResponse;
    (operations as { operationFromDocument: unknown }).operationFromDocument = operationFromDocument;
    const failed = selfTest();
    if (failed) uninstall();
    state = { live: !failed, reason: failed };
  } else state = { live: false, reason };
  if (enabled && !state.live)
    logger.error(
      { service: 'gateway', reason: state.reason },
      "compiled shaping not live: @apollo/gateway's own",
    );
  else logger.info({ service: 'gateway', live: state.live, reason: state.reason }, 'compiled shaping');
  return state;
}

/**
 * Compiled shaping as a gateway plugin: installed (or switched off) when the gateway starts. /health says
 * whether it is live; answers are right either way (@apollo/gateway's own shaping otherwise), so it is
 * never `up: false`, and `error` says why it is not live.
 */
export function useCompiledShaping(enabled: boolean): GatewayPlugin {
  installCompiledShaping(enabled);
  return {
    name: 'compiled-shaping',
    health: () => {
      const { live, reason } = compiledShapingState();
      return {
        source: 'gateway/compiled-shaping',
        up: true,
        latencyMs: 0,
        ...(live ? {} : { error: reason ?? 'not live' }),
      };
    },
  };
}

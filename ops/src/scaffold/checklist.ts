import type { TutelleNames } from './scaffold';

/**
 * What remains after the scaffold, in order: make the connector read the real source, then put the
 * tutelle in the graph. docs/CONNECTORS.md walks through each step.
 */
export function nextSteps({ name, Name, NAME }: TutelleNames): string[] {
  return [
    `pnpm install --offline: links @hub/connector-${name} and @hub/subgraph-${name} into the workspace`,
    `pnpm jest connectors/${name}: its contract test passes on the sample exports`,
    `connectors/${name}: read ${NAME}'s real source instead of the sample (src/mapping.ts, ` +
      `src/${name}-connector.ts; sample/ and src/fixture.ts to match), the contract test still green`,
    `schema/src/tutelles.ts: ${NAME} = '${NAME}' in enum Tutelle, its TUTELLES entry (typePrefix '${Name}', ` +
      `subgraph '${name}'), Tutelle.${NAME} in FEDERATED_TUTELLES; then TUTELLE = Tutelle.${NAME} in ` +
      `connectors/${name}/src/mapping.ts`,
    `ops/src/demo/types.ts: TutelleCode = Exclude<\`\${Tutelle}\`, '${NAME}'>: the demo generator makes ` +
      'the four tutelles of docs/SOURCES.md, not this one',
    `ops/package.json: "@hub/connector-${name}" and "@hub/subgraph-${name}": "workspace:*", then ` +
      'pnpm install --offline',
    `ops/src/config.ts: ports.${name} (HUB_${NAME}_PORT, the next free port), subgraphUrls.${name}, and ` +
      `${name}: ${name}ConnectorOptionsFromEnv(env, path.join(demoDir(dataDir), '${name}')), and ${name} in ` +
      'READ_CACHE_TTL_SECONDS (how long its records read stay good)',
    `ops/src/services.ts: ${name}: async (config) => startTutelleSubgraph({ connector: ` +
      `connect${Name}(config.${name}), port: config.ports.${name}, host: config.host, readCache: ` +
      `readCache(config, '${name}') })`,
    `ops/src/subgraphs.ts: { name: '${name}', defaultPort: <that port>, buildSchema: () => ` +
      `buildTutelleSchema(Tutelle.${NAME}) }`,
    `ops/src/cli.ts: '${name}' in SERVICE_NAMES, before 'gateway'`,
    'pnpm supergraph: composes gateway/supergraph.graphql with the new subgraph',
    `test/src/harness.ts: start the ${name} subgraph too, over SAMPLE_DIR of @hub/connector-${name} ` +
      `(a dependency of test/package.json); test/platforms/partial-failure.test.ts: the gateway's /health ` +
      `now lists subgraph/${name} and ${NAME}/exports; pnpm jest ops/src/supergraph.test.ts -u: the query ` +
      `plan's new ${Name}CostCentre fetch`,
    `README.md: HUB_${NAME}_PORT, HUB_${NAME}_FOLDER and HUB_${NAME}_MAX_AGE_MS in the configuration table`,
    'pnpm test, then commit',
  ].map((step, i) => `${String(i + 1).padStart(2)}. ${step}`);
}

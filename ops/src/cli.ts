#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { GatewayKind } from './bench/gateways';
import { FULL_RUN, SMOKE_RUN } from './bench/runs';
import { EXAMPLE_QUERY } from './example';

/*
 * `pnpm hub <command>`: everything an operator or a developer runs. Each command loads what it needs when
 * it runs, so checking a file does not wait for the gateway to load.
 */
const program = new Command('hub').description('The Lorraine research site hub').showHelpAfterError();

const positiveNumber = (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
};
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
};

/** The demo's noise (ops/src/demo/quirks.ts): harder (the default since issue 18), or plain as before it. */
const NOISE_OPTION = new Option('--noise <noise>', 'how hard the demo sources are to reconcile')
  .choices(['plain', 'harder'])
  .default('harder');

program
  .command('start')
  .description(
    'Run the whole hub on the embedded default: demo sources in SQLite, registry loaded, every service up',
  )
  .option('--scale <factor>', 'size of the demo site (1 = the real site)', positiveNumber, 1)
  .option('--seed <n>', 'demo data seed', integer, 42)
  .option('--fresh', 'generate the demo data again even if it is there')
  .action(async (options: { scale: number; seed: number; fresh?: boolean }) => {
    const started = performance.now();
    const { loadConfig } = await import('./config');
    const { prepareDemo, serviceNames, startDemoGmao, startServices, stopOnSignal } = await import(
      './services'
    );
    const { startTracing } = await import('@hub/service-kit');
    const config = loadConfig();
    const dir = await prepareDemo(config, options, console.log);
    // The interface at `/`, built from the sources the first time (and again when they change).
    (await import('./web')).ensureWebApp();
    // No real GMAO API configured: serve the demo's items through the stand-in that speaks its contract.
    const standIn = config.gmaoStandIn ? [await startDemoGmao(dir, config.gmaoStandIn.port)] : [];
    const tracing = startTracing();
    const running = [...standIn, ...(await startServices(config, serviceNames(config)))];
    stopOnSignal(running, tracing);
    const gateway = running.at(-1)!;
    const { startupSummary } = await import('./startup-summary');
    const summary = await startupSummary(gateway.url);
    const took = `in ${Math.round(performance.now() - started)} ms: ${gateway.url}`;
    if (summary.ok) console.log(`\n${summary.text} ${took}`);
    else console.error(`\n${summary.text.replace('\n', ` ${took}\n`)}`);
    console.log(`The site's interface: ${gateway.url.replace(/graphql$/, '')}`);
    // The site-wide inventory the interface shows, read once the subgraphs answer (idempotent, resumable).
    const site = running.find((s) => s.name === 'site') as
      | Awaited<ReturnType<typeof import('@hub/subgraph-site').startSiteSubgraph>>
      | undefined;
    site?.inventory.sync().then(
      ({ reconciliation }) => console.log(`Site inventory synced: ${reconciliation.equipment} instruments`),
      (error: Error) =>
        console.error(`Site inventory not synced (pnpm hub inventory sync): ${error.message}`),
    );
    console.log(
      `Open it in a browser for the sandbox, or:\n  curl -s ${gateway.url} -H 'content-type: application/json' \\`,
    );
    console.log(`    -d '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') })}'`);
  });

program
  .command('serve')
  .description('Run one service from the environment (production: one process per service)')
  .addArgument(new Argument('<service>', 'site, gateway, or a tutelle HUB_TUTELLES names (ul, cnrs...)'))
  .action(async (service: string) => {
    const { loadConfig } = await import('./config');
    const { startServices, stopOnSignal } = await import('./services');
    const { startTracing } = await import('@hub/service-kit');
    const tracing = startTracing();
    stopOnSignal(await startServices(loadConfig(), [service]), tracing);
  });

const registry = program.command('registry').description('The site registry (INFRA+ cartography)');
registry
  .command('check <file>')
  .description('Validate a registry YAML file and report every problem with its path and line')
  .action(async (file: string) => {
    const { parseRegistryFile } = await import('@hub/subgraph-site');
    const parsed = parseRegistryFile(readFileSync(file, 'utf8'), file);
    console.log(`${file}: valid, ${parsed.platforms.length} platforms`);
  });
registry
  .command('load <file>')
  .description(
    'Validate a registry YAML file, then replace the registry with it (HUB_SITE_DB); refused, with the ' +
      'differences, where it would overwrite edits made through the graph',
  )
  .option('--overwrite', 'load even over edits made through the graph (the change log keeps them)')
  .action(async (file: string, options: { overwrite?: boolean }) => {
    const { loadConfig } = await import('./config');
    const { loadRegistryFile } = await import('./services');
    const report = await loadRegistryFile(loadConfig(), file, { overwrite: options.overwrite ?? false });
    const removed = report.removed.length ? ` (${report.removed.join(', ')})` : '';
    console.log(
      `Loaded ${report.platforms} platforms: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.removed.length} removed${removed}`,
    );
  });
registry
  .command('export <file>')
  .description("Write today's registry (edits through the graph included) as a registry YAML file")
  .action(async (file: string) => {
    const { loadConfig } = await import('./config');
    const { exportRegistryFile } = await import('./services');
    const platforms = await exportRegistryFile(loadConfig(), path.resolve(file));
    console.log(`Wrote ${platforms} platforms to ${file}`);
  });

const tariffs = program.command('tariffs').description('The single tariff of each service (docs/TARIFFS.md)');
tariffs
  .command('export')
  .description("Export the grids and the gaps to the tutelles' published prices, from the running subgraphs")
  .requiredOption('--year <year>', 'the cost year', integer)
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('xlsx'))
  .requiredOption('--out <file>', 'where to write (CSV: one file per report, suffixed, when several)')
  .addOption(
    new Option('--report <reports...>', 'which reports')
      .choices(['grids', 'divergence', 'summary'])
      .default(['grids', 'divergence', 'summary']),
  )
  .action(
    async (options: {
      year: number;
      format: 'csv' | 'xlsx';
      out: string;
      report: ('grids' | 'divergence' | 'summary')[];
    }) => {
      const { loadConfig } = await import('./config');
      const { exportTariffs } = await import('./tariffs');
      await exportTariffs(
        loadConfig(),
        {
          year: options.year,
          format: options.format,
          out: path.resolve(options.out),
          reports: options.report,
        },
        (line) => console.log(line),
      );
    },
  );
tariffs
  .command('check <file>')
  .description('Validate a tariff policy YAML file and report every problem with its path and line')
  .action(async (file: string) => {
    const { parseTariffPolicy } = await import('@hub/subgraph-site');
    const policy = parseTariffPolicy(readFileSync(file, 'utf8'), file);
    console.log(`${file}: valid, version ${policy.version}`);
  });

program
  .command('kubernetes')
  .description('Print the manifests that run the hub on Kubernetes as replicas (docs/DEPLOY.md)')
  .option('--values <file>', 'a YAML file of knobs over the defaults (namespace, image, sizes, schedule)')
  .option('--base', 'the kustomize base (ops/kubernetes/base/hub.yaml): all but the supergraph ConfigMap')
  .action(async (options: { values?: string; base?: boolean }) => {
    const { renderYaml } = await import('./kubernetes/render');
    const values = options.values ? readFileSync(options.values, 'utf8') : undefined;
    process.stdout.write(renderYaml(values, { base: options.base ?? false }));
  });

program
  .command('supergraph')
  .description('Compose the subgraphs into gateway/supergraph.graphql')
  .option('--check', 'fail if the committed supergraph differs from what the subgraphs compose to')
  .action(async (options: { check?: boolean }) => {
    const { composeSupergraph, readCommittedSupergraph, SUPERGRAPH_PATH, writeSupergraph } = await import(
      './supergraph'
    );
    if (!options.check) {
      await writeSupergraph();
      console.log(`Wrote ${SUPERGRAPH_PATH}`);
    } else if (readCommittedSupergraph() !== (await composeSupergraph())) {
      throw new Error('The committed supergraph is out of date: run `pnpm supergraph`');
    } else {
      console.log('The committed supergraph is up to date');
    }
  });

program
  .command('coris')
  .description("The steering committee's indicators (docs/HISTORY.md)")
  .command('workbook')
  .description("Write a year's CORIS workbook: one sheet per indicator, from the running subgraphs")
  .requiredOption('--year <year>', 'the year', integer)
  .requiredOption('--out <file>', 'where to write (CSV: one file per sheet, numbered)')
  .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'csv']).default('xlsx'))
  .action(async (options: { year: number; out: string; format: 'xlsx' | 'csv' }) => {
    const { loadConfig } = await import('./config');
    const { writeWorkbook } = await import('./coris');
    await writeWorkbook(loadConfig(), { ...options, out: path.resolve(options.out) }, (line) =>
      console.log(line),
    );
  });

const inventory = program
  .command('inventory')
  .description('The site-wide inventory: sync, reconcile, export, benchmark (docs/INVENTORY.md)');
inventory
  .command('sync')
  .description("Read every tutelle's inventory through its subgraph into the site's index, then reconcile")
  .option('--page-size <n>', 'records per page', positiveNumber, 500)
  .option('--wait', 'if a sync is running elsewhere, wait for it to end rather than exit saying who holds it')
  .action(async (options: { pageSize: number; wait?: boolean }) => {
    const { loadConfig } = await import('./config');
    const { syncCommand } = await import('./inventory/commands');
    await syncCommand(loadConfig(), options.pageSize, options.wait === true);
  });
inventory
  .command('reconcile')
  .description('Group the indexed records into instruments again (people’s decisions applied)')
  .action(async () => {
    const { loadConfig } = await import('./config');
    const { reconcileCommand } = await import('./inventory/commands');
    await reconcileCommand(loadConfig());
  });
inventory
  .command('export <file>')
  .description(
    'Write the site-wide inventory for the central services: .csv (UTF-8, French numbers) or .xlsx',
  )
  .action(async (file: string) => {
    const { loadConfig } = await import('./config');
    const { exportCommand } = await import('./inventory/commands');
    await exportCommand(loadConfig(), path.resolve(file));
  });
inventory
  .command('bench')
  .description(
    'Measure the matcher on the demo site against its truth: pairs scored, time, precision, recall',
  )
  .option('--scale <factor>', 'size of the demo site', positiveNumber, 1)
  .option('--seed <n>', 'seed', integer, 42)
  .option('--dir <dir>', 'where the demo is (generated there if absent)')
  .option('--without-serials <share>', 'share of the records whose serial is dropped (0 to 1)', Number, 0)
  .addOption(NOISE_OPTION)
  .action(
    async (options: {
      scale: number;
      seed: number;
      dir?: string;
      withoutSerials: number;
      noise: 'plain' | 'harder';
    }) => {
      const os = await import('node:os');
      const { benchCommand } = await import('./inventory/commands');
      const { NOISES } = await import('./demo');
      const dir = path.resolve(
        options.dir ?? path.join(os.tmpdir(), `hub-bench-${options.scale}-${options.seed}-${options.noise}`),
      );
      await benchCommand({
        scale: options.scale,
        seed: options.seed,
        dir,
        withoutSerials: options.withoutSerials,
        noise: NOISES[options.noise],
      });
    },
  );

inventory
  .command('abt-buy')
  .description(
    'The Abt-Buy benchmark through the hub: loaded into PostgreSQL (UL) and MariaDB (CNRS), read by the connectors, reconciled, scored against its truth',
  )
  .option(
    '--dir <dir>',
    'the benchmark folder (README.md, ul.sql, cnrs.sql, truth.csv); a copy is in the repository',
    'test/fixtures/abt-buy',
  )
  .option(
    '--postgres <url>',
    "UL's database (re-created)",
    'postgresql://postgres@127.0.0.1:5432/hub_abt_buy_ul',
  )
  .option('--mariadb <url>', "CNRS's database (re-created)", 'mariadb://root@127.0.0.1:3306/hub_abt_buy_cnrs')
  .action(async (options: { dir: string; postgres: string; mariadb: string }) => {
    const { abtBuy } = await import('./inventory/abt-buy');
    const started = performance.now();
    const { loadConfig } = await import('./config');
    const figures = await abtBuy({
      dir: path.resolve(options.dir),
      postgresUrl: options.postgres,
      mariadbUrl: options.mariadb,
      match: loadConfig().match,
    });
    console.log(JSON.stringify({ ...figures, totalMs: Math.round(performance.now() - started) }, null, 2));
  });

program
  .command('demo <dir>')
  .description(
    "Write the demo site into a folder: its registry, every tutelle's sources in their formats (UL's and CNRS's replicas as SQLite, INRAE's workbooks, the CHRU's CSV exports and GMAO items), the ground truth",
  )
  .option('--scale <factor>', 'size of the demo site (1 = the real site)', positiveNumber, 1)
  .option('--seed <n>', 'seed', integer, 42)
  .addOption(NOISE_OPTION)
  .action(async (dir: string, options: { scale: number; seed: number; noise: 'plain' | 'harder' }) => {
    const { writeDemo, NOISES } = await import('./demo');
    const started = performance.now();
    const counts = await writeDemo(path.resolve(dir), { ...options, noise: NOISES[options.noise] });
    console.log(`${JSON.stringify(counts)} in ${Math.round(performance.now() - started)} ms`);
  });

const numberList = (value: string) => {
  const list = value.split(',').map(positiveNumber);
  if (list.length === 0) throw new InvalidArgumentError('expected numbers, comma-separated');
  return list;
};

program
  .command('bench')
  .description(
    'Load the operations users send through the hub gateway, stock @apollo/gateway and Hive Gateway, side by side (docs/PERFORMANCE.md)',
  )
  .option('--scale <factors>', 'demo site sizes, comma-separated', numberList, FULL_RUN.scales)
  .option(
    '--connections <counts>',
    'concurrent connections, comma-separated',
    numberList,
    FULL_RUN.connections,
  )
  .option(
    '--duration <s>',
    'measured seconds per gateway, operation and round',
    positiveNumber,
    FULL_RUN.durationS,
  )
  .option(
    '--warmup <s>',
    'discarded seconds of load before each measurement',
    positiveNumber,
    FULL_RUN.warmupS,
  )
  .option('--rounds <n>', 'rounds of every gateway in turn', positiveNumber, FULL_RUN.rounds)
  .option('--gateways <kinds>', 'gateways under test, comma-separated')
  .option('--operations <names>', 'operations to load, comma-separated (all by default)')
  .option('--smoke', 'a short pass: ×1, 10 connections, one short round; checks every answer, times nothing')
  .option('--no-pin', 'do not pin processes to cores')
  .option('--out <file>', 'where to write the table (and the run as JSON beside it)')
  .action(async (options) => {
    const { loadConfig } = await import('./config');
    const { ALL_GATEWAY_KINDS, GATEWAY_KINDS } = await import('./bench/gateways');
    const { estimatedSeconds, runBench } = await import('./bench/suite');
    const { markdownReport } = await import('./bench/table');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const gateways = (
      options.gateways ? String(options.gateways).split(',') : GATEWAY_KINDS
    ) as GatewayKind[];
    const unknown = gateways.filter((g) => !ALL_GATEWAY_KINDS.includes(g));
    if (unknown.length)
      throw new InvalidArgumentError(
        `unknown gateways ${unknown.join(', ')}: ${ALL_GATEWAY_KINDS.join(', ')}`,
      );
    const dataDir = path.join(loadConfig().dataDir, 'bench');
    const bench = {
      scales: options.scale,
      connections: options.connections,
      durationS: options.duration,
      warmupS: options.warmup,
      rounds: Math.round(options.rounds),
      ...(options.smoke ? SMOKE_RUN : {}),
      gateways,
      ...(options.operations ? { operations: String(options.operations).split(',') } : {}),
      dataDir,
      seed: 42,
      pin: options.pin,
      log: (line: string) => console.log(line),
    };
    console.log(
      `Estimated duration: about ${Math.ceil(estimatedSeconds(bench, bench.operations?.length) / 60)} min`,
    );
    const report = await runBench(bench);
    const table = markdownReport(report);
    const out = options.out ?? path.join(dataDir, 'results.md');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, table);
    writeFileSync(`${out.replace(/\.md$/, '')}.json`, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n${table}\nWritten to ${out} in ${report.totalS} s`);
    if (report.rows.some((r) => r.problem)) process.exitCode = 1;
  });

program
  .command('screenshots')
  .description("Take a screenshot of each page of the site's interface on the demo data (docs/screenshots)")
  .option('--out <dir>', 'where to write them', path.resolve(__dirname, '../../docs/screenshots'))
  .action(async (options: { out: string }) => {
    const { loadConfig } = await import('./config');
    const { takeScreenshots } = await import('./web/screenshots');
    await takeScreenshots({
      dataDir: path.join(loadConfig().dataDir, 'screenshots'),
      out: path.resolve(options.out),
      log: (line) => console.log(line),
    });
    process.exit(0);
  });

program
  .command('web-bench')
  .description(
    "Time the interface's catalogue and dashboard in Chromium: first render, interactive, JS shipped",
  )
  .option('--scale <factors>', 'demo site sizes, comma-separated', numberList, [1, 10])
  .option('--runs <n>', 'page loads per page and scale (each in a fresh browser context)', positiveNumber, 3)
  .action(async (options: { scale: number[]; runs: number }) => {
    const { loadConfig } = await import('./config');
    const { benchInterface } = await import('./web/bench');
    const dataDir = loadConfig().dataDir;
    await benchInterface({
      dataDir: (scale) => path.join(dataDir, `web-bench-${scale}`),
      scales: options.scale,
      runs: Math.round(options.runs),
      log: (line) => console.log(line),
    });
    process.exit(0);
  });

program
  .command('token <role>')
  .description('Mint a development bearer token for a role (public, platform, central, steering, admin)')
  .option('--platforms <codes>', 'platforms a platform manager manages, comma-separated', '')
  .option('--ttl <duration>', 'lifetime', '8h')
  .action(async (role: string, options: { platforms: string; ttl: string }) => {
    const { isTokenRole, TOKEN_ROLES } = await import('@hub/schema');
    const { jwtSecret, mintToken } = await import('@hub/service-kit');
    if (!isTokenRole(role)) throw new InvalidArgumentError(`role must be one of ${TOKEN_ROLES.join(', ')}`);
    const platforms = options.platforms.split(',').filter(Boolean);
    console.log(
      await mintToken(jwtSecret(), { subject: `dev-${role}`, roles: [role], platforms }, options.ttl),
    );
  });

program
  .command('connector')
  .description("The tutelles' connectors")
  .command('new <name>')
  .description(
    'Scaffold a new tutelle: connectors/<name> over a sample source, registered, linked and composed; next steps',
  )
  .option('--no-install', 'write and register only: no pnpm install, no supergraph composition')
  .action(async (name: string, options: { install: boolean }) => {
    const { linkAndCompose, nextSteps, scaffoldTutelle, tutelleNames } = await import('./scaffold');
    const written = scaffoldTutelle(name);
    console.log(`Wrote ${written.length} files:\n${written.map((file) => `  ${file}`).join('\n')}`);
    if (options.install) linkAndCompose((line) => console.log(line));
    console.log(`\nNext (docs/CONNECTORS.md):\n${nextSteps(tutelleNames(name)).join('\n')}`);
  });

program.parseAsync().catch((error: unknown) => {
  // A registry or policy file's problems are the message; anything else gets the command's name before it.
  const message = (error as Error).message;
  const fileError = ['RegistryFileError', 'TariffPolicyError'].includes((error as Error).name);
  console.error(fileError ? message : `hub: ${message}`);
  process.exit(1);
});

import { GATEWAYS, type GatewayKind } from './gateways';
import { startGcMeter } from './gc-meter';
import { reportReady } from './processes';

/*
 * One gateway under test, alone in its process (pinned to its own core by the suite), so that its memory
 * and CPU are its own. SIGUSR2 makes it report its garbage totals (gc-meter.ts) on the same line channel as
 * its readiness.
 *
 *   node --import tsx gateway-process.ts <kind> <supergraph file>
 */
async function main(): Promise<void> {
  const [kind, supergraphPath] = process.argv.slice(2) as [GatewayKind, string];
  const gcTotals = startGcMeter();
  process.on('SIGUSR2', () => reportReady({ gc: gcTotals() }));
  const gateway = await GATEWAYS[kind].start(supergraphPath);
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  reportReady({ url: gateway.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { connectInrae } from '@hub/connector-inrae';
import { startTutelleSubgraph } from '@hub/tutelle-subgraph';

/**
 * INRAE's subgraph in a process of its own, so that a test can kill it outright (SIGKILL: no goodbye, its
 * connections reset) and start it again on the same port. `HUB_INRAE_FOLDER`, `PORT`; prints its port.
 */
async function main() {
  const server = await startTutelleSubgraph({
    connector: connectInrae({ folder: process.env.HUB_INRAE_FOLDER! }),
    port: Number(process.env.PORT ?? 0),
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});

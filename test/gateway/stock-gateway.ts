import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/*
 * Stock @apollo/gateway over a supergraph file, in a process of its own: the hub's gateway patches
 * @apollo/gateway's shaping process-wide (compiled-shaping.ts), so a stock one cannot share its process.
 * Prints its URL on stdout; stops on stdin's end.
 */
async function main() {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2]!, 'utf8') }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.stdout.write(`${url}\n`);
  process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
  process.stdin.resume();
}
void main();

import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

/*
 * Start the local PostgreSQL, MariaDB and Redis the backend tests need, where they are down, and install the
 * Chromium the page tests drive where it is missing. Uses the machine's own service commands and Debian's
 * packages; does nothing where a service already answers and the browser is there.
 */

interface LocalService {
  name: string;
  port: number;
  start: string;
}

const SERVICES: LocalService[] = [
  {
    name: 'PostgreSQL',
    port: 5432,
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | sort -V | tail -1) main start',
  },
  {
    name: 'MariaDB',
    port: 3306,
    start: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  },
  {
    name: 'Redis',
    port: 6379,
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /tmp --logfile /tmp/hub-redis.log',
  },
];

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function ensure(service: LocalService): Promise<void> {
  if (await answers(service.port)) return;
  process.stdout.write(`${service.name} is down on :${service.port}; starting it… `);
  try {
    execSync(service.start, { stdio: 'ignore', shell: '/bin/bash' });
  } catch (error) {
    throw new Error(`${service.name} could not be started with: ${service.start}`, { cause: error });
  }
  for (let waited = 0; waited < 30_000; waited += 500) {
    if (await answers(service.port)) {
      process.stdout.write('up\n');
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service.name} did not answer on :${service.port} within 30 s`);
}

/** The browser the page tests drive (`*.chromium.test.ts`): `HUB_TEST_CHROMIUM`, or Debian's package. */
export const CHROMIUM_PATH = process.env.HUB_TEST_CHROMIUM ?? '/usr/bin/chromium';

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  process.stdout.write(`No browser at ${CHROMIUM_PATH}; installing Debian's chromium… `);
  const install = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium';
  try {
    execSync(install, { stdio: 'ignore', shell: '/bin/bash' });
  } catch (error) {
    throw new Error(`Chromium could not be installed with: ${install}`, { cause: error });
  }
  process.stdout.write('done\n');
}

export async function ensureLocalServices(): Promise<void> {
  for (const service of SERVICES) await ensure(service);
  ensureChromium();
}

if (require.main === module) {
  ensureLocalServices().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}

import { randomBytes } from 'node:crypto';
import { createConnection } from 'mariadb';

/** The server the backend tests use: `HUB_TEST_MARIADB_URL`, or the machine's local MariaDB. */
export const MARIADB_ADMIN_URL = process.env.HUB_TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306/test';

/** A fresh database for one test file; `drop()` removes it. */
export async function createMariadbDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `hub_test_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(MARIADB_ADMIN_URL);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  await admin.end();
  const url = new URL(MARIADB_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const connection = await createConnection(MARIADB_ADMIN_URL);
      await connection.query(`DROP DATABASE IF EXISTS ${name}`);
      await connection.end();
    },
  };
}

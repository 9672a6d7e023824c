import type { EntityManager } from '@mikro-orm/core';

/**
 * The version a change bumps, in a table of one row (id 1): the registry's and the site-wide inventory's.
 * Read with one plain statement, no entity hydrated: under load it runs for the requests of every turn.
 */
export async function versionRow(
  em: EntityManager,
  table: 'registry_version' | 'inventory_version',
): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<Array<{ version: number }>>(`select version from ${table} where id = 1`);
  return Number(row?.version ?? 0);
}

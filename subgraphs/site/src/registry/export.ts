import type { EntityManager } from '@mikro-orm/core';
import { stringify } from 'yaml';
import { Platform } from './entities';
import { CHILD_ORDER, toFileShape } from './shape';

/** Today's registry, edits through the graph included, as a registry file (`hub registry export`). */
export async function exportRegistry(em: EntityManager): Promise<{ yaml: string; platforms: number }> {
  const platforms = await em.fork().find(
    Platform,
    {},
    {
      populate: ['costCentres', 'staff', 'services'],
      populateOrderBy: CHILD_ORDER,
      orderBy: { code: 'asc' },
    },
  );
  const header = `# The site registry as the hub held it on ${new Date().toISOString()} (hub registry export)\n`;
  return { yaml: header + stringify({ platforms: platforms.map(toFileShape) }), platforms: platforms.length };
}

import type { TutelleNames } from './scaffold';

/**
 * What remains after the scaffold (which wrote the connector, registered the tutelle, linked its package
 * and composed the supergraph): make the connector read the real source, then configure it.
 * docs/CONNECTORS.md walks through each step.
 */
export function nextSteps({ name, NAME }: TutelleNames): string[] {
  return [
    `connectors/${name}: read ${NAME}'s real source instead of the sample (src/mapping.ts, ` +
      `src/${name}-connector.ts; sample/ and src/fixture.ts to match); npx jest connectors/${name} stays green`,
    `configuration: HUB_${NAME}_FOLDER and the other settings of connectors/${name}/src/tutelle.ts (add ` +
      `them to the README's configuration table), and ${NAME} in HUB_TUTELLES where a site lists its tutelles`,
    'npx --yes pnpm@10 test, then commit',
  ].map((step, i) => `${i + 1}. ${step}`);
}

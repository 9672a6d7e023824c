import { parse, stringify } from 'yaml';
import { DEFAULT_VALUES, type HubDeployValues, renderManifests } from './manifests';

/** `hub kubernetes render`: the defaults, overridden key by key (one level into `services`), as a YAML stream. */
export function renderYaml(valuesYaml?: string): string {
  const given = (valuesYaml ? parse(valuesYaml) : {}) as Partial<HubDeployValues>;
  const values: HubDeployValues = {
    ...DEFAULT_VALUES,
    ...given,
    services: Object.fromEntries(
      Object.entries(DEFAULT_VALUES.services).map(([service, size]) => [
        service,
        { ...size, ...given.services?.[service as keyof HubDeployValues['services']] },
      ]),
    ) as HubDeployValues['services'],
  };
  return renderManifests(values)
    .map((manifest) => stringify(manifest))
    .join('---\n');
}

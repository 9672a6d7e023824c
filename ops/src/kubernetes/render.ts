import { parse, stringify } from 'yaml';
import { DEFAULT_VALUES, type HubDeployValues, renderManifests } from './manifests';

/**
 * `hub kubernetes`: the defaults, overridden key by key (one level into `services`), as a YAML stream. The
 * kustomize base (`--base`, ops/kubernetes/base/hub.yaml) leaves the supergraph's ConfigMap out: it is made
 * from the repository's gateway/supergraph.graphql when deploying, so a new composition never waits on the
 * base being regenerated.
 */
export function renderYaml(valuesYaml?: string, options: { base?: boolean } = {}): string {
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
    .filter((manifest) => !(options.base && manifest.metadata.name === 'hub-supergraph'))
    .map((manifest) => stringify(manifest))
    .join('---\n');
}

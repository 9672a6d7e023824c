import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SUPERGRAPH_PATH } from '../supergraph';
import { renderYaml } from './render';

/*
 * The kustomize base a site overlays (ops/kubernetes/base) is the rendering at the default values, and the
 * example overlay builds with kubectl's own kustomize into objects that validate against the API schemas.
 */

const ROOT = path.resolve(__dirname, '../../..');
type Any = Record<string, any>;

describe('the kustomize base and the example overlay', () => {
  it('hold the rendering at the default values (regenerate: pnpm hub kubernetes --base > ops/kubernetes/base/hub.yaml)', () => {
    expect(readFileSync(path.join(ROOT, 'ops/kubernetes/base/hub.yaml'), 'utf8')).toBe(
      renderYaml(undefined, { base: true }),
    );
  });

  it('build with kubectl kustomize into valid objects: the site image and sizes, no empty Secret', () => {
    // As a site does: the base and its overlay, the release's supergraph copied beside the overlay.
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-kustomize-'));
    cpSync(path.join(ROOT, 'ops/kubernetes'), dir, { recursive: true });
    cpSync(SUPERGRAPH_PATH, path.join(dir, 'example-site/supergraph.graphql'));
    const built = execFileSync('kubectl', ['kustomize', path.join(dir, 'example-site')], {
      encoding: 'utf8',
    });
    const objects = parseAllDocuments(built).map((document) => document.toJS() as Any);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(objects.find((o) => o.metadata.name === 'hub-supergraph')!.data['supergraph.graphql']).toBe(
      readFileSync(SUPERGRAPH_PATH, 'utf8'),
    );
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    expect(deployments).toHaveLength(6);
    for (const deployment of deployments)
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        'registry.univ-lorraine.fr/hub:2026.12.0',
      );
    expect(deployments.find((d) => d.metadata.name === 'hub-ul')!.spec.replicas).toBe(3);
    expect(objects.find((o) => o.metadata.name === 'hub-env')!.data.HUB_CORS_ORIGINS).toBe(
      'https://portail.univ-lorraine.fr',
    );

    try {
      writeFileSync(path.join(dir, 'built.yaml'), built);
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'ops/src/kubernetes/validate.ts', path.join(dir, 'built.yaml')],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const report = JSON.parse(out) as { kinds: string[]; errors: string[] };
      expect(report.errors).toEqual([]);
      expect(report.kinds).toHaveLength(objects.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

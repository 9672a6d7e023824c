import { readFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';
import { renderManifests } from './manifests';

/*
 * Renders the manifests and validates each against the Kubernetes API schemas (kubernetes-models, generated
 * from Kubernetes 1.34's OpenAPI). A script of its own because kubernetes-models is ESM only and the tests
 * run as CommonJS: `manifests.test.ts` runs it with tsx. Prints `{ kinds, errors, brokenCaught }` as JSON.
 * Given a file (a YAML stream, as `kubectl kustomize` prints), validates its objects instead of the rendering.
 */

type Manifest = ReturnType<typeof renderManifests>[number];

/** A Deployment whose replicas is a string: proof the check catches what the API server would refuse. */
const BROKEN: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'broken' },
  spec: { replicas: 'two', selector: {}, template: {} },
};

async function validate(manifests: Manifest[]): Promise<{ kinds: string[]; errors: string[] }> {
  const errors: string[] = [];
  const kinds: string[] = [];
  for (const manifest of manifests) {
    const [group, version] = manifest.apiVersion.includes('/')
      ? manifest.apiVersion.split('/')
      : ['v1', undefined];
    const module: Record<string, new (data: unknown) => { validate(): void }> = await import(
      version ? `kubernetes-models/${group}/${version}` : 'kubernetes-models/v1'
    );
    const Model = module[manifest.kind];
    if (!Model) {
      errors.push(
        `${manifest.kind} ${manifest.metadata.name}: no ${manifest.apiVersion} ${manifest.kind} in Kubernetes`,
      );
      continue;
    }
    kinds.push(`${manifest.kind}/${manifest.metadata.name}`);
    try {
      new Model(manifest).validate();
    } catch (error) {
      errors.push(`${manifest.kind} ${manifest.metadata.name}: ${(error as Error).message}`);
    }
  }
  return { kinds, errors };
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const manifests = file
    ? parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as Manifest)
    : renderManifests();
  // What `hub kubernetes render` prints must serialise as a YAML stream.
  for (const manifest of manifests) stringify(manifest);
  const report = await validate(manifests);
  const brokenCaught = (await validate([BROKEN])).errors.length > 0;
  process.stdout.write(JSON.stringify({ ...report, brokenCaught }));
}

void main();

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { renderManifests, SERVICES } from './manifests';

const ROOT = path.resolve(__dirname, '../../..');
type Any = Record<string, any>;

describe('the Kubernetes manifests', () => {
  const manifests = renderManifests() as Any[];
  const of = (kind: string) => manifests.filter((m) => m.kind === kind);

  it('validate against the Kubernetes API schemas, and the check refuses a broken object', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'ops/src/kubernetes/validate.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const report = JSON.parse(out) as { kinds: string[]; errors: string[]; brokenCaught: boolean };
    expect(report.errors).toEqual([]);
    expect(report.kinds).toHaveLength(manifests.length);
    expect(report.brokenCaught).toBe(true);
  });

  it('run every service non-root on a read-only root, probed on /ready and /health, sized, with a disruption budget', () => {
    expect(of('Deployment').map((d) => d.metadata.name)).toEqual(SERVICES.map((s) => `hub-${s}`));
    for (const deployment of of('Deployment')) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container.readinessProbe.httpGet.path).toBe('/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits.memory).toBe(container.resources.requests.memory);
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      expect(
        of('PodDisruptionBudget').find((p) => p.metadata.name === deployment.metadata.name),
      ).toBeDefined();
      // Secrets by reference only, one per service.
      expect(container.envFrom).toContainEqual({ secretRef: { name: deployment.metadata.name } });
    }
    expect(of('Secret').every((s) => Object.values(s.stringData).every((v) => v === ''))).toBe(true);
  });

  it('scale the gateway on CPU, mount the supergraph as a directory (no subPath, so updates reach it), sync by a CronJob', () => {
    const hpa = of('HorizontalPodAutoscaler')[0]!;
    expect(hpa.spec.scaleTargetRef.name).toBe('hub-gateway');
    const gateway = of('Deployment').find((d) => d.metadata.name === 'hub-gateway')!;
    expect(gateway.spec.replicas).toBeUndefined();
    const mount = gateway.spec.template.spec.containers[0].volumeMounts.find(
      (m: Any) => m.name === 'supergraph',
    );
    expect(mount).toEqual({ name: 'supergraph', mountPath: '/etc/hub/supergraph' });
    const env = of('ConfigMap').find((c) => c.metadata.name === 'hub-env')!;
    expect(env.data.HUB_SUPERGRAPH).toBe('/etc/hub/supergraph/supergraph.graphql');
    const cron = of('CronJob')[0]!;
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].args).toEqual(['inventory', 'sync']);
  });

  it('let subgraphs be called only by the gateway, the site and the sync (the site by the gateway only)', () => {
    const callers = Object.fromEntries(
      of('NetworkPolicy').map((p) => [
        p.spec.podSelector.matchLabels['app.kubernetes.io/component'],
        p.spec.ingress.flatMap((rule: Any) =>
          rule.from.map((peer: Any) => peer.podSelector.matchLabels['app.kubernetes.io/component']),
        ),
      ]),
    );
    expect(callers).toEqual({
      site: ['gateway'],
      ul: ['gateway', 'site', 'sync'],
      cnrs: ['gateway', 'site', 'sync'],
      inrae: ['gateway', 'site', 'sync'],
      chru: ['gateway', 'site', 'sync'],
    });
  });
});

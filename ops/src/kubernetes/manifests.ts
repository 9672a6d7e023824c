import { readFileSync } from 'node:fs';
import { GATEWAY_NODE_ARGS } from '../gateway-heap';
import { SUPERGRAPH_PATH } from '../supergraph';

/*
 * The hub on Kubernetes, as manifests rendered from one typed description rather than a Helm chart: no helm
 * binary is installable here (Debian has none, npm only wrappers that download one), so a chart's Go
 * templates could not be rendered, let alone checked, where the tests run. Rendered here, every object is
 * validated against the Kubernetes API schemas (kubernetes-models, 1.34) by the test command. The knobs are
 * `HubDeployValues` (a YAML file given to `hub kubernetes render --values`); what they do not cover, a
 * kustomize patch over the rendered file does.
 */

type Manifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

interface Resources {
  cpu: string;
  memory: string;
}

export interface ServiceValues {
  replicas: number;
  requests: Resources;
  limits: Resources;
}

export interface HubDeployValues {
  namespace: string;
  image: string;
  /** Every service's container port (one image, one port: services differ only by `hub serve <name>`). */
  port: number;
  services: Record<ServiceName, ServiceValues>;
  gatewayAutoscaling: { minReplicas: number; maxReplicas: number; cpuPercent: number };
  /** The inventory sync's schedule (cron syntax, the cluster's time zone unless `timeZone`). */
  syncSchedule: string;
  timeZone: string;
  /** Claims holding the files the INRAE and CHRU subgraphs read (workbooks, CSV exports), mounted read-only. */
  fileClaims: { inrae: string; chru: string };
  responseCacheTtlSeconds: number;
}

export const SERVICES = ['gateway', 'site', 'ul', 'cnrs', 'inrae', 'chru'] as const;
export type ServiceName = (typeof SERVICES)[number];

const sized = (replicas: number, cpu: string, memory: string, limitCpu: string): ServiceValues => ({
  replicas,
  requests: { cpu, memory },
  limits: { cpu: limitCpu, memory },
});

/** Starting sizes (docs/DEPLOY.md says where they come from). */
export const DEFAULT_VALUES: HubDeployValues = {
  namespace: 'hub',
  image: 'registry.example.org/hub:latest',
  port: 8080,
  services: {
    gateway: sized(2, '500m', '512Mi', '2'),
    site: sized(2, '500m', '512Mi', '2'),
    ul: sized(2, '250m', '384Mi', '1'),
    cnrs: sized(2, '250m', '384Mi', '1'),
    inrae: sized(2, '250m', '512Mi', '1'),
    chru: sized(2, '250m', '512Mi', '1'),
  },
  gatewayAutoscaling: { minReplicas: 2, maxReplicas: 8, cpuPercent: 70 },
  syncSchedule: '17 2 * * *',
  timeZone: 'Europe/Paris',
  fileClaims: { inrae: 'hub-inrae-files', chru: 'hub-chru-files' },
  responseCacheTtlSeconds: 30,
};

/**
 * What every service's Secret holds: the subgraphs' signing key, the callers' token key, Redis, and the token
 * a scraper (and the gateway's probe of its subgraphs) reads /metrics and the sources on /health with.
 */
const SERVICE_SECRETS = ['HUB_GATEWAY_SECRET', 'HUB_JWT_SECRET', 'HUB_REDIS_URL', 'HUB_METRICS_TOKEN'];

/** What each component's Secret holds (values are the operator's: `kubectl create secret`, sealed-secrets…). */
export const SECRET_KEYS: Record<ServiceName | 'sync', string[]> = {
  gateway: SERVICE_SECRETS,
  site: [...SERVICE_SECRETS, 'HUB_SITE_DB'],
  ul: [...SERVICE_SECRETS, 'HUB_UL_DATABASE_URL'],
  cnrs: [...SERVICE_SECRETS, 'HUB_CNRS_DATABASE_URL'],
  inrae: SERVICE_SECRETS,
  chru: [...SERVICE_SECRETS, 'HUB_CHRU_GMAO_URL', 'HUB_CHRU_GMAO_TOKEN'],
  sync: ['HUB_GATEWAY_SECRET', 'HUB_SITE_DB'],
};

/**
 * The settings the code reads that the manifests leave to their default (README's configuration reference),
 * and why; an operator sets one through a kustomize patch on `hub-env` or a Secret. `drift.test.ts` holds
 * this list and the manifests together equal to what the code reads: a setting added, renamed or dropped
 * in the code fails it until the deployment says what it does with it.
 */
export const LEFT_TO_DEFAULT: Record<string, string> = {
  HUB_TUTELLES: 'every registered tutelle runs',
  HUB_CORS_ORIGINS: 'no browser application of another origin until the site names its portals',
  HUB_JWKS_URL: "the site's OIDC provider, in place of HUB_JWT_SECRET (with the two below)",
  HUB_JWT_ISSUER: 'with HUB_JWKS_URL',
  HUB_JWT_AUDIENCE: 'with HUB_JWKS_URL',
  HUB_JWT_ROLES_CLAIM: "the provider's roles claim, `roles` by default",
  HUB_OIDC_ISSUER: "the interface's sign-in at the site's provider",
  HUB_OIDC_CLIENT_ID: "the interface's sign-in at the site's provider",
  HUB_OIDC_SCOPE: "the interface's sign-in at the site's provider",
  HUB_TARIFF_POLICY: 'the committed tariff policy, in the image',
  HUB_CHART_OF_ACCOUNTS: 'the committed chart of accounts, in the image',
  HUB_TARIFF_CACHE_TTL_S: '60 s',
  HUB_SUBGRAPH_READ_TIMEOUT_MS: "30 s for each attempt of the site's reads of the tutelles' subgraphs",
  HUB_MATCH_THRESHOLD: 'the matcher joins at 0.98 (docs/INVENTORY.md)',
  HUB_MATCH_REVIEW_FLOOR: 'pairs left apart from 0.05 go to the review queue',
  HUB_GATEWAY_ANSWER_BUDGET:
    '200,000 values of answers in the making per gateway replica, for its memory limit',
  HUB_REJECTED_ROWS_THRESHOLD: '1 % of rows rejected marks a source degraded',
  HUB_INRAE_MAX_AGE_MS: 'five minutes',
  HUB_CHRU_MAX_AGE_MS: 'five minutes',
  HUB_UL_READ_CACHE_TTL_S: "each tutelle's read cache keeps its default",
  HUB_CNRS_READ_CACHE_TTL_S: "each tutelle's read cache keeps its default",
  HUB_INRAE_READ_CACHE_TTL_S: "each tutelle's read cache keeps its default",
  HUB_CHRU_READ_CACHE_TTL_S: "each tutelle's read cache keeps its default",
  HUB_WEB_DIST: 'the interface built into the image',
  HUB_DATA_DIR: "the embedded demo's folder: unused once every source and the site database are given",
  HUB_UL_SQLITE_DIR: "the demo's SQLite in place of UL's replica: not in a cluster",
  HUB_CNRS_SQLITE_DIR: "the demo's SQLite in place of CNRS's replica: not in a cluster",
  HUB_CHRU_GMAO_STANDIN_PORT: "the demo's GMAO stand-in (`hub start`): not in a cluster",
};

const name = (service: string) => `hub-${service}`;
const labels = (component: string) => ({
  'app.kubernetes.io/name': 'hub',
  'app.kubernetes.io/component': component,
});

/** The container every service and the sync run: non-root, read-only root, nothing it does not need. */
function container(values: HubDeployValues, component: string, args: string[], env: Record<string, string>) {
  return {
    name: component,
    image: values.image,
    args,
    env: Object.entries(env).map(([key, value]) => ({ name: key, value })),
    // Each service reads only its own secret: a subgraph never holds another tutelle's credentials.
    envFrom: [{ configMapRef: { name: 'hub-env' } }, { secretRef: { name: name(component) } }],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

function deployment(values: HubDeployValues, service: ServiceName): Manifest[] {
  const size = values.services[service];
  const main = container(values, service, ['serve', service], {
    [`HUB_${service.toUpperCase()}_PORT`]: String(values.port),
    ...(service === 'gateway' ? { NODE_OPTIONS: GATEWAY_NODE_ARGS.join(' ') } : {}),
  });
  const volumes: unknown[] = [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }];
  if (service === 'gateway') {
    // A directory mount, never subPath: the kubelet swaps the directory's `..data` link on a change, which
    // the gateway's polling watch sees through the file's symlink; a subPath mount is never updated.
    main.volumeMounts.push({ name: 'supergraph', mountPath: '/etc/hub/supergraph' });
    volumes.push({ name: 'supergraph', configMap: { name: 'hub-supergraph' } });
  }
  if (service === 'inrae' || service === 'chru') {
    main.volumeMounts.push({ name: 'files', mountPath: `/var/lib/hub/${service}` });
    volumes.push({
      name: 'files',
      persistentVolumeClaim: { claimName: values.fileClaims[service], readOnly: true },
    });
  }
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 5,
  });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: name(service), namespace: values.namespace, labels: labels(service) },
      spec: {
        ...(service === 'gateway' ? {} : { replicas: size.replicas }),
        selector: { matchLabels: labels(service) },
        // One new pod ready before an old one goes: a rollout never lowers capacity.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: labels(service) },
          spec: {
            automountServiceAccountToken: false,
            // Longer than the server's drain on SIGTERM (requests in flight finish, keep-alives close).
            terminationGracePeriodSeconds: 30,
            securityContext: {
              runAsNonRoot: true,
              fsGroup: 10001,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                ...main,
                ports: [{ name: 'http', containerPort: values.port }],
                resources: { requests: size.requests, limits: size.limits },
                startupProbe: probe('/health', 2, 60),
                readinessProbe: probe('/ready', 5, 2),
                livenessProbe: probe('/health', 10, 6),
                lifecycle: { preStop: { sleep: { seconds: 5 } } },
              },
            ],
            volumes,
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: name(service), namespace: values.namespace, labels: labels(service) },
      spec: { selector: labels(service), ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: name(service), namespace: values.namespace },
      spec: { maxUnavailable: 1, selector: { matchLabels: labels(service) } },
    },
  ];
}

/** Who may call whom: the gateway from anywhere; the site from the gateway; a tutelle's subgraph from the
 * gateway, the site (tariffs' cost bases) and the sync. */
function networkPolicy(values: HubDeployValues, service: Exclude<ServiceName, 'gateway'>): Manifest {
  const callers = service === 'site' ? ['gateway'] : ['gateway', 'site', 'sync'];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: name(service), namespace: values.namespace },
    spec: {
      podSelector: { matchLabels: labels(service) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: callers.map((caller) => ({ podSelector: { matchLabels: labels(caller) } })),
          ports: [{ protocol: 'TCP', port: values.port }],
        },
      ],
    },
  };
}

export function renderManifests(values: HubDeployValues = DEFAULT_VALUES): Manifest[] {
  const url = (service: string) => `http://${name(service)}/graphql`;
  const env: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'hub-env', namespace: values.namespace },
    data: {
      HUB_HOST: '0.0.0.0',
      HUB_SUPERGRAPH: '/etc/hub/supergraph/supergraph.graphql',
      HUB_RESPONSE_CACHE_TTL_S: String(values.responseCacheTtlSeconds),
      HUB_INRAE_FOLDER: '/var/lib/hub/inrae',
      HUB_CHRU_EXPORTS_DIR: '/var/lib/hub/chru',
      ...Object.fromEntries(
        SERVICES.filter((s) => s !== 'gateway').map((s) => [`HUB_SUBGRAPH_URL_${s.toUpperCase()}`, url(s)]),
      ),
    },
  };
  const supergraph: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'hub-supergraph', namespace: values.namespace },
    data: { 'supergraph.graphql': readFileSync(SUPERGRAPH_PATH, 'utf8') },
  };
  const autoscaler: Manifest = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: name('gateway'), namespace: values.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: name('gateway') },
      minReplicas: values.gatewayAutoscaling.minReplicas,
      maxReplicas: values.gatewayAutoscaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: values.gatewayAutoscaling.cpuPercent },
          },
        },
      ],
    },
  };
  const sync = container(values, 'sync', ['inventory', 'sync'], {});
  const cronJob: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: name('sync'), namespace: values.namespace },
    spec: {
      schedule: values.syncSchedule,
      timeZone: values.timeZone,
      // Kubernetes starts one at a time; the job lease in the database also covers a run started by hand.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      jobTemplate: {
        spec: {
          backoffLimit: 3,
          template: {
            metadata: { labels: labels('sync') },
            spec: {
              restartPolicy: 'OnFailure',
              automountServiceAccountToken: false,
              securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [
                {
                  ...sync,
                  resources: {
                    requests: { cpu: '250m', memory: '512Mi' },
                    limits: { cpu: '1', memory: '1Gi' },
                  },
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
            },
          },
        },
      },
    },
  };
  // Rendered empty: the keys each component expects, for the operator to fill in the cluster, never in git.
  const secrets = Object.entries(SECRET_KEYS).map(
    ([component, keys]): Manifest => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: name(component), namespace: values.namespace },
      type: 'Opaque',
      stringData: Object.fromEntries(keys.map((key) => [key, ''])),
    }),
  );
  return [
    env,
    supergraph,
    ...secrets,
    ...SERVICES.flatMap((service) => deployment(values, service)),
    autoscaler,
    cronJob,
    ...SERVICES.filter((s) => s !== 'gateway').map((s) => networkPolicy(values, s)),
  ];
}

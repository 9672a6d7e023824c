import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { LEFT_TO_DEFAULT, renderManifests, SECRET_KEYS, SERVICES } from './manifests';

/*
 * The manifests against what the code really reads: every setting they give is one the code reads, every
 * setting the code reads is given or deliberately left to its default, and each service started from its
 * pod's environment listens on the container's port and finds the others at their Services.
 */

const ROOT = path.resolve(__dirname, '../../..');
type Any = Record<string, any>;

/** Where code that runs in a pod lives: the bench, the demo, stand-ins, scaffolding, `testing` subpaths and tests do not. */
const POD_CODE = ['gateway/src', 'subgraphs', 'connectors', 'schema/src', 'ops/src'];
const NOT_IN_A_POD =
  /\.test\.ts$|\/node_modules\/|\/src\/testing\/|\/ops\/src\/(bench|demo|standins|scaffold|kubernetes)\/|\/ops\/src\/ensure-services\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !NOT_IN_A_POD.test(file));
}

/** Placeholders of the right shape for what an operator puts in the Secrets. */
const SECRET_SAMPLES: Record<string, string> = {
  HUB_SITE_DB: 'postgresql://hub:secret@postgres.hub/hub',
  HUB_REDIS_URL: 'redis://redis.hub:6379',
  HUB_UL_DATABASE_URL: 'postgresql://hub:secret@sifac-replica.univ-lorraine.fr/reporting',
  HUB_CNRS_DATABASE_URL: 'mariadb://hub:secret@dr06-replica.cnrs.fr:3306/cnrs_dr06',
  HUB_CHRU_GMAO_URL: 'https://gmao.chru-nancy.fr/api',
};

describe('the manifests against the settings the code reads', () => {
  const manifests = renderManifests() as Any[];
  const of = (kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
  const hubEnv: Record<string, string> = of('ConfigMap', 'hub-env').data;

  /** A pod's environment: the shared ConfigMap, its container's own, its Secret filled in. */
  function podEnv(component: (typeof SERVICES)[number]): Record<string, string> {
    const container = of('Deployment', `hub-${component}`).spec.template.spec.containers[0];
    return {
      NODE_ENV: 'production',
      ...hubEnv,
      ...Object.fromEntries(container.env.map((e: Any) => [e.name, e.value])),
      ...Object.fromEntries(SECRET_KEYS[component].map((key) => [key, SECRET_SAMPLES[key] ?? 'a-secret'])),
    };
  }

  const given = new Set([
    ...Object.keys(hubEnv),
    ...Object.values(SECRET_KEYS).flat(),
    ...SERVICES.flatMap((s) =>
      of('Deployment', `hub-${s}`).spec.template.spec.containers[0].env.map((e: Any) => e.name),
    ),
  ]);

  /** Names read literally anywhere in pod code, and those the configuration builds (`HUB_<NAME>_PORT`). */
  // Node reads NODE_OPTIONS itself (the gateway's heap settings, gateway-heap.ts).
  const read = new Set<string>(['NODE_OPTIONS']);
  for (const file of POD_CODE.flatMap((dir) => sourceFiles(path.join(ROOT, dir))))
    for (const [name] of readFileSync(file, 'utf8').matchAll(/\bHUB_[A-Z0-9_]*[A-Z0-9]\b/g)) read.add(name);
  for (const service of SERVICES)
    loadConfig(
      new Proxy(podEnv(service), {
        // Reads by name only: a copy of the whole environment would otherwise count as reading every key.
        ownKeys: () => [],
        get: (env, key) => {
          if (typeof key === 'string' && key.startsWith('HUB_')) read.add(key);
          return env[key as string];
        },
      }),
    );

  it('give no setting the code does not read (a renamed one would be silently ignored)', () => {
    expect([...given].filter((name) => !read.has(name))).toEqual([]);
  });

  it('give every setting the code reads, or leave it to its default on purpose (LEFT_TO_DEFAULT)', () => {
    expect([...read].filter((name) => !given.has(name) && !(name in LEFT_TO_DEFAULT)).sort()).toEqual([]);
    // And that list names only settings the code reads and the manifests do not give.
    expect(Object.keys(LEFT_TO_DEFAULT).filter((name) => !read.has(name) || given.has(name))).toEqual([]);
  });

  it.each(SERVICES)(
    'start %s on its container port, on every interface, finding the others at their Services',
    (service) => {
      const config = loadConfig(podEnv(service));
      const container = of('Deployment', `hub-${service}`).spec.template.spec.containers[0];
      expect(config.ports[service]).toBe(container.ports[0].containerPort);
      expect(config.host).toBe('0.0.0.0');
      expect(config.redisUrl).toBe(SECRET_SAMPLES.HUB_REDIS_URL);
      for (const [subgraph, url] of Object.entries(config.subgraphUrls)) {
        expect(url).toBe(`http://hub-${subgraph}/graphql`);
        const target = of('Service', `hub-${subgraph}`).spec.ports[0];
        expect(target).toMatchObject({ port: 80, targetPort: 'http' });
      }
      expect(Object.keys(config.subgraphUrls).sort()).toEqual(SERVICES.filter((s) => s !== 'gateway').sort());
      const mounted = (file: string) =>
        container.volumeMounts.some((m: Any) => file.startsWith(`${m.mountPath}/`));
      if (service === 'gateway') {
        expect(mounted(config.supergraphPath)).toBe(true);
        expect(Object.keys(of('ConfigMap', 'hub-supergraph').data)).toEqual([
          path.basename(config.supergraphPath),
        ]);
      }
      if (service === 'site') expect(config.site).toMatchObject({ kind: 'postgresql' });
      if (service === 'inrae') expect(mounted(path.join(hubEnv.HUB_INRAE_FOLDER!, 'x.xlsx'))).toBe(true);
      if (service === 'chru') {
        expect(mounted(path.join(hubEnv.HUB_CHRU_EXPORTS_DIR!, 'x.csv'))).toBe(true);
        // The real GMAO API, never the demo's stand-in.
        expect(config.gmaoStandIn).toBeNull();
      }
    },
  );
});

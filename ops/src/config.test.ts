import { loadConfig } from './config';

const ttls = (config: ReturnType<typeof loadConfig>) =>
  Object.fromEntries(config.tutelles.map((t) => [t.descriptor.name, t.readCacheTtlSeconds]));

describe('cache settings', () => {
  it('defaults to a 30 s response cache and per-tutelle read caches, each settable, 0 for off', () => {
    const defaults = loadConfig({});
    expect(defaults.responseCacheTtlSeconds).toBe(30);
    expect(ttls(defaults)).toEqual({ ul: 60, cnrs: 60, inrae: 0, chru: 0 });
    const set = loadConfig({ HUB_RESPONSE_CACHE_TTL_S: '0', HUB_CHRU_READ_CACHE_TTL_S: '15' });
    expect(set.responseCacheTtlSeconds).toBe(0);
    expect(ttls(set).chru).toBe(15);
  });

  it('refuses a TTL that is not a number of seconds, naming the variable', () => {
    expect(() => loadConfig({ HUB_UL_READ_CACHE_TTL_S: 'soon' })).toThrow(/HUB_UL_READ_CACHE_TTL_S/);
  });
});

describe('the tutelles a site runs', () => {
  it('are every registered one by default, and those HUB_TUTELLES names otherwise', () => {
    expect(loadConfig({}).tutelles.map((t) => t.descriptor.tutelle)).toEqual(['UL', 'CNRS', 'INRAE', 'CHRU']);
    const two = loadConfig({ HUB_TUTELLES: 'cnrs, UL' });
    expect(two.tutelles.map((t) => t.descriptor.tutelle)).toEqual(['UL', 'CNRS']);
    expect(two.absentSubgraphs).toEqual(['inrae', 'chru']);
    expect(Object.keys(two.ports)).toEqual(['gateway', 'site', 'ul', 'cnrs']);
    expect(two.tutelleSubgraphs).toEqual({
      UL: 'http://127.0.0.1:4002/graphql',
      CNRS: 'http://127.0.0.1:4003/graphql',
    });
    // No CHRU: no GMAO stand-in either.
    expect(two.gmaoStandIn).toBeNull();
  });

  it('refuses a tutelle nobody registered, naming the setting and the known ones', () => {
    expect(() => loadConfig({ HUB_TUTELLES: 'UL,INRIA' })).toThrow(
      'HUB_TUTELLES: unknown tutelle INRIA; known: UL, CNRS, INRAE, CHRU',
    );
  });
});

describe('settings that cannot be used stop the start, naming the setting', () => {
  it("ports, the GMAO stand-in's included", () => {
    expect(() => loadConfig({ HUB_UL_PORT: 'abc' })).toThrow('Invalid port "abc" in HUB_UL_PORT');
    expect(() => loadConfig({ HUB_GATEWAY_PORT: '70000' })).toThrow(/in HUB_GATEWAY_PORT/);
    expect(loadConfig({ HUB_CHRU_GMAO_STANDIN_PORT: '4190' }).gmaoStandIn).toEqual({ port: 4190 });
    expect(() => loadConfig({ HUB_CHRU_GMAO_STANDIN_PORT: 'x' })).toThrow(/HUB_CHRU_GMAO_STANDIN_PORT/);
  });

  it('a port given to two services, naming both and their settings', () => {
    expect(() => loadConfig({ HUB_CNRS_PORT: '4002' })).toThrow(
      'Port 4002 is given to both ul (HUB_UL_PORT) and cnrs (HUB_CNRS_PORT)',
    );
    expect(() => loadConfig({ HUB_CHRU_GMAO_STANDIN_PORT: '4000' })).toThrow(/gateway \(HUB_GATEWAY_PORT\)/);
  });

  it('URLs', () => {
    expect(() => loadConfig({ HUB_CHRU_GMAO_URL: 'gmao.chru' })).toThrow(
      'Invalid URL "gmao.chru" in HUB_CHRU_GMAO_URL',
    );
    expect(() => loadConfig({ HUB_REDIS_URL: 'localhost' })).toThrow(/HUB_REDIS_URL/);
    expect(() => loadConfig({ HUB_SUBGRAPH_URL_UL: 'nope' })).toThrow(/HUB_SUBGRAPH_URL_UL/);
  });

  it('HUB_SITE_DB with a scheme the hub does not support, rather than a new SQLite file', () => {
    expect(() => loadConfig({ HUB_SITE_DB: 'mysql://root@127.0.0.1/hub' })).toThrow(
      'HUB_SITE_DB: unsupported scheme "mysql:"',
    );
    expect(loadConfig({ HUB_SITE_DB: 'postgresql://hub@127.0.0.1/hub' }).site.kind).toBe('postgresql');
    expect(loadConfig({ HUB_SITE_DB: '/var/lib/hub/site.sqlite' }).site).toEqual({
      kind: 'sqlite',
      file: '/var/lib/hub/site.sqlite',
    });
  });

  it('CORS origins: a list of origins, nothing else', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(
      loadConfig({ HUB_CORS_ORIGINS: 'https://portal.univ-lorraine.fr, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://portal.univ-lorraine.fr', 'http://localhost:5173']);
    expect(() => loadConfig({ HUB_CORS_ORIGINS: 'https://portal.fr/app' })).toThrow(/HUB_CORS_ORIGINS/);
  });
});

describe('settings services once read where they were used', () => {
  it('sign-in: the OIDC provider when its issuer (a URL) and client are set, else the demo page', () => {
    expect(loadConfig({}).signIn).toEqual({ kind: 'demo' });
    const oidc = {
      HUB_OIDC_ISSUER: 'https://idp.univ-lorraine.fr/realms/hub',
      HUB_OIDC_CLIENT_ID: 'hub-web',
    };
    expect(loadConfig({ ...oidc, HUB_JWT_ROLES_CLAIM: 'realm_access.roles' }).signIn).toEqual({
      kind: 'oidc',
      authority: oidc.HUB_OIDC_ISSUER,
      clientId: 'hub-web',
      rolesClaim: 'realm_access.roles',
    });
    expect(() => loadConfig({ ...oidc, HUB_OIDC_ISSUER: 'idp.univ-lorraine.fr' })).toThrow(/HUB_OIDC_ISSUER/);
  });

  it('the share of rejected rows that degrades a source: 1 % by default, 0 to 1', () => {
    expect(loadConfig({}).rejectedRowsThreshold).toBe(0.01);
    expect(loadConfig({ HUB_REJECTED_ROWS_THRESHOLD: '0.05' }).rejectedRowsThreshold).toBe(0.05);
    expect(() => loadConfig({ HUB_REJECTED_ROWS_THRESHOLD: '5' })).toThrow(
      'HUB_REJECTED_ROWS_THRESHOLD is a share of rows, 0 to 1, not 5',
    );
  });
});

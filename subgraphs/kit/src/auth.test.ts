import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@hub/schema';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { callerFromHeader, jwtSecret, mintToken, tokenVerifier } from './auth';

/** Tokens from the site's identity provider, checked against its published keys (JWKS over real HTTP). */
describe('bearer tokens from an OIDC provider', () => {
  let server: http.Server;
  let jwksUrl: string;
  let sign: (
    claims: Record<string, unknown>,
    options?: { issuer?: string; audience?: string },
  ) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'site-idp-1', alg: 'RS256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    sign = (claims, { issuer = 'https://idp.univ-lorraine.fr', audience = 'hub' } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'site-idp-1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('jdupont')
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  const verifier = () =>
    tokenVerifier({
      HUB_JWKS_URL: jwksUrl,
      HUB_JWT_ISSUER: 'https://idp.univ-lorraine.fr',
      HUB_JWT_AUDIENCE: 'hub',
      HUB_JWT_ROLES_CLAIM: 'realm_access.roles',
    });

  it('reads the roles from the configured claim of a token the provider signed', async () => {
    const token = await sign({ realm_access: { roles: ['central', 'offline_access'] } });
    expect(await callerFromHeader(`Bearer ${token}`, verifier())).toEqual({
      roles: [Role.CENTRAL],
      platforms: [],
      subject: 'jdupont',
    });
  });

  it("refuses a token for another audience or issuer, and the hub's own development tokens", async () => {
    const refused = (token: string) => callerFromHeader(`Bearer ${token}`, verifier());
    const code = { extensions: { code: 'UNAUTHENTICATED' } };
    await expect(
      refused(await sign({ realm_access: { roles: ['admin'] } }, { audience: 'other' })),
    ).rejects.toMatchObject(code);
    await expect(
      refused(await sign({ realm_access: { roles: ['admin'] } }, { issuer: 'https://evil' })),
    ).rejects.toMatchObject(code);
    const hs256 = await mintToken(jwtSecret({}), { subject: 'dev', roles: [Role.ADMIN] });
    await expect(refused(hs256)).rejects.toMatchObject(code);
  });

  it('gives the public role to a caller without a token', async () => {
    expect((await callerFromHeader(undefined, verifier())).roles).toEqual([Role.PUBLIC]);
  });

  it('will not start in production without the issuer and the audience to check', () => {
    const production = { NODE_ENV: 'production', HUB_JWKS_URL: jwksUrl };
    expect(() => tokenVerifier(production)).toThrow(/HUB_JWT_ISSUER and HUB_JWT_AUDIENCE/);
    expect(() => tokenVerifier({ ...production, HUB_JWT_ISSUER: 'https://idp.univ-lorraine.fr' })).toThrow(
      /HUB_JWT_AUDIENCE/,
    );
    expect(
      tokenVerifier({
        ...production,
        HUB_JWT_ISSUER: 'https://idp.univ-lorraine.fr',
        HUB_JWT_AUDIENCE: 'hub',
      }).audience,
    ).toBe('hub');
  });
});

/** The hub's own tokens (HS256), checked once and then trusted until they expire. */
describe("bearer tokens the hub's key signed", () => {
  const verifier = tokenVerifier({});

  it('trusts a token it verified for its next requests, and the caller it gave cannot be altered', async () => {
    const token = await mintToken(jwtSecret({}), { subject: 'cs', roles: [Role.CENTRAL] });
    const first = await callerFromHeader(`Bearer ${token}`, verifier);
    expect(first).toEqual({ roles: [Role.CENTRAL], platforms: [], subject: 'cs' });
    expect(await callerFromHeader(`Bearer ${token}`, verifier)).toBe(first);
    expect(() => first.roles.push(Role.ADMIN)).toThrow(TypeError);
  });

  it('refuses a token without an expiry: once leaked it would be good forever', async () => {
    const forever = await new SignJWT({ roles: [Role.ADMIN] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('lorraine-research-hub')
      .setSubject('dev')
      .sign(jwtSecret({}));
    await expect(callerFromHeader(`Bearer ${forever}`, verifier)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a kept token once it has expired', async () => {
    const token = await mintToken(jwtSecret({}), { subject: 'cs', roles: [Role.CENTRAL] }, '1s');
    expect((await callerFromHeader(`Bearer ${token}`, verifier)).roles).toEqual([Role.CENTRAL]);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expect(callerFromHeader(`Bearer ${token}`, verifier)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

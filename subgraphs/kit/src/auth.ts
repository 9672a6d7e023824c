import { ErrorCode, isTokenRole, Role } from '@hub/schema';
import type { Environment } from '@hub/source-kit';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AuthChecker } from 'type-graphql';
import { serviceSettings } from './settings';

/**
 * Who is calling. Built from a bearer token signed with the hub's key (HS256). No token: `public`.
 * The gateway verifies the token and forwards it; every subgraph verifies it again.
 */
export interface Caller {
  roles: Role[];
  /** Platforms a `platform` manager manages (codes). */
  platforms: string[];
  subject: string | null;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ roles: [Role.PUBLIC], platforms: [], subject: null });

/** The hub's own service (the site) calling a subgraph with a signed service request: see gateway-signature.ts. */
export function serviceCaller(service: string): Caller {
  return { roles: [Role.SERVICE], platforms: [], subject: `service:${service}` };
}

const ISSUER = 'lorraine-research-hub';
const DEV_SECRET = 'hub-development-secret-not-for-production';

/** The signing key: `HUB_JWT_SECRET`; a fixed development key outside production. */
export function jwtSecret(env?: Environment): Uint8Array {
  const { jwt, production } = serviceSettings(env);
  const secret = jwt.secret ?? (production ? undefined : DEV_SECRET);
  if (!secret) throw new Error('HUB_JWT_SECRET must be set in production');
  return new TextEncoder().encode(secret);
}

/**
 * Whether tokens are checked against the fixed development key: no `HUB_JWT_SECRET`, no identity provider,
 * not production. Only then may anything mint tokens on request (the demo's sign-in page).
 */
export function usesDevelopmentSecret(env?: Environment): boolean {
  const { jwt, production } = serviceSettings(env);
  return !jwt.secret && !jwt.jwksUrl && !production;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/**
 * How bearer tokens are checked. In production, the site's identity provider (OIDC): its keys from
 * `HUB_JWKS_URL` (RS256/ES256), its `HUB_JWT_ISSUER` and `HUB_JWT_AUDIENCE`, the roles in the claim
 * `HUB_JWT_ROLES_CLAIM` (a dotted path: `realm_access.roles` for Keycloak). Without a JWKS URL, tokens
 * signed with the hub's own key (`HUB_JWT_SECRET`, HS256), as `hub token` mints them.
 */
export interface TokenVerifier {
  key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  algorithms: string[];
  issuer?: string;
  audience?: string;
  rolesClaim: string;
}

export function tokenVerifier(env?: Environment): TokenVerifier {
  const { jwt, production } = serviceSettings(env);
  const { rolesClaim } = jwt;
  if (jwt.jwksUrl) {
    // Without them, any token the provider signs for any application of the site would be taken.
    if (production && (!jwt.issuer || !jwt.audience))
      throw new Error('HUB_JWT_ISSUER and HUB_JWT_AUDIENCE must be set in production (with HUB_JWKS_URL)');
    return {
      key: createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }),
      algorithms: ['RS256', 'ES256', 'PS256'],
      ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
      ...(jwt.audience ? { audience: jwt.audience } : {}),
      rolesClaim,
    };
  }
  return { key: jwtSecret(env), algorithms: ['HS256'], issuer: ISSUER, rolesClaim };
}

function claim(payload: JWTPayload, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], payload);
}

/**
 * A token verified once is trusted for a minute at most, and never past its expiry: the gateway and every
 * subgraph a request reaches verify the same token, and each request of a caller brings it again. Only
 * good tokens are kept (a bad one is refused every time); a minute bounds how long a key the identity
 * provider withdraws is still trusted here.
 */
const TRUSTED_MS = 60_000;
const verified = new WeakMap<TokenVerifier, LRUCache<string, Caller>>();

function verifiedTokens(verifier: TokenVerifier) {
  let tokens = verified.get(verifier);
  if (!tokens) {
    tokens = new LRUCache<string, Caller>({ max: 10_000, ttl: TRUSTED_MS });
    verified.set(verifier, tokens);
  }
  return tokens;
}

/** The caller of a request, from its `Authorization` header. A bad token is refused, never downgraded. */
export async function callerFromHeader(
  authorization: string | undefined,
  verifier: TokenVerifier,
): Promise<Caller> {
  if (!authorization) return PUBLIC_CALLER;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  const token = match[1]!;
  const tokens = verifiedTokens(verifier);
  const known = tokens.get(token);
  if (known) return known;
  try {
    const { key, algorithms, issuer, audience, rolesClaim } = verifier;
    // A token without an expiry would be good forever once leaked: refused.
    const options = {
      algorithms,
      requiredClaims: ['exp'],
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
    };
    const { payload } =
      key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
    const claimed = claim(payload, rolesClaim);
    const roles = Array.isArray(claimed) ? claimed.filter(isTokenRole) : [];
    const platforms = Array.isArray(payload.platforms) ? payload.platforms.map(String) : [];
    const caller: Caller = Object.freeze({
      roles: Object.freeze(roles.length > 0 ? roles : [Role.PUBLIC]) as Role[],
      platforms: Object.freeze(platforms) as string[],
      subject: payload.sub ?? null,
    });
    const untilExpiry = payload.exp === undefined ? TRUSTED_MS : payload.exp * 1000 - Date.now();
    if (untilExpiry > 0) tokens.set(token, caller, { ttl: Math.min(TRUSTED_MS, untilExpiry) });
    return caller;
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw unauthenticated(`Bearer token ${reason}`);
  }
}

/** A signed token for a role (development tooling and tests). */
export function mintToken(
  secret: Uint8Array,
  claims: { subject: string; roles: Role[]; platforms?: string[] },
  expiresIn = '8h',
): Promise<string> {
  return new SignJWT({ roles: claims.roles, platforms: claims.platforms ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

export interface HasCaller {
  caller: Caller;
}

/**
 * A `platform` manager's grant holds for their own platforms only: for a record the registry places on
 * platforms (its `platforms`, which the tutelle's subgraph requires from the site through the gateway),
 * one of them must be in the token. A record that says nothing of its platforms is out of scope.
 */
function inPlatformScope(caller: Caller, record: unknown): boolean {
  const platforms = (record as { platforms?: unknown } | null)?.platforms;
  return Array.isArray(platforms) && platforms.some((code) => caller.platforms.includes(code));
}

/**
 * type-graphql's `@Authorized(...roles)`: the field resolves to null with a FORBIDDEN error naming the
 * field, rather than silently, so a client knows data was withheld. The one place roles are judged.
 */
export const authChecker: AuthChecker<HasCaller> = ({ context, info, root }, roles) => {
  const { caller } = context;
  const granted = (role: string) =>
    caller.roles.includes(role as Role) && (role !== Role.PLATFORM || inPlatformScope(caller, root));
  if (roles.some(granted)) return true;
  throw new GraphQLError(
    `${info.parentType.name}.${info.fieldName} needs one of the roles: ${roles.join(', ')}`,
    {
      extensions: { code: ErrorCode.FORBIDDEN },
    },
  );
};

import { ErrorCode, isRole, Role } from '@hub/schema';
import { GraphQLError } from 'graphql';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AuthChecker } from 'type-graphql';

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

const ISSUER = 'lorraine-research-hub';
const DEV_SECRET = 'hub-development-secret-not-for-production';

/** The signing key: `HUB_JWT_SECRET`; a fixed development key outside production. */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.HUB_JWT_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEV_SECRET);
  if (!secret) throw new Error('HUB_JWT_SECRET must be set in production');
  return new TextEncoder().encode(secret);
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/** The caller of a request, from its `Authorization` header. A bad token is refused, never downgraded. */
export async function callerFromHeader(
  authorization: string | undefined,
  secret: Uint8Array,
): Promise<Caller> {
  if (!authorization) return PUBLIC_CALLER;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(match[1]!, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const platforms = Array.isArray(payload.platforms) ? payload.platforms.map(String) : [];
    return { roles: roles.length > 0 ? roles : [Role.PUBLIC], platforms, subject: payload.sub ?? null };
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
 * type-graphql's `@Authorized(...roles)`: the field resolves to null with a FORBIDDEN error naming the
 * field, rather than silently, so a client knows data was withheld.
 */
export const authChecker: AuthChecker<HasCaller> = ({ context, info }, roles) => {
  if (roles.some((role) => context.caller.roles.includes(role as Role))) return true;
  throw new GraphQLError(
    `${info.parentType.name}.${info.fieldName} needs one of the roles: ${roles.join(', ')}`,
    {
      extensions: { code: ErrorCode.FORBIDDEN },
    },
  );
};

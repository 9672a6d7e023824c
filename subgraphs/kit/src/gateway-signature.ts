import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Environment } from '@hub/source-kit';
import { serviceSettings } from './settings';

/*
 * Subgraphs answer the gateway only: it signs each request it sends with a key the two share, and a
 * subgraph refuses any request without a valid, recent signature. Nobody can reach a tutelle's records by
 * calling its subgraph directly, around the gateway's limits and checks.
 *
 * The hub's own services that read other subgraphs (the site, for the inventory and the tariffs) sign with
 * the same key and name themselves in the signature (`s=site`): the subgraph then answers them as the
 * internal `service` caller, whatever token came along. The name is signed, so it cannot be added to a
 * gateway request, and the gateway never sends one.
 *
 * A signature also binds the caller's `Authorization` header (a captured request replayed with the
 * token stripped or swapped is refused) and carries a nonce each subgraph takes once (in memory, and in
 * Redis when configured, so that every replica knows it).
 */

export const SIGNATURE_HEADER = 'x-hub-gateway-signature';

/**
 * A signature older (or further in the future) than this is refused; within it, each signature is taken
 * once (its nonce, remembered as long), so a captured request cannot be sent again, even at once.
 */
const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

const DEV_SECRET = 'hub-development-gateway-key-not-for-production';

/** The shared key: `HUB_GATEWAY_SECRET`; a fixed development key outside production. */
export function gatewaySecret(env?: Environment): string {
  const settings = serviceSettings(env);
  const secret = settings.gatewaySecret ?? (settings.production ? undefined : DEV_SECRET);
  if (!secret) throw new Error('HUB_GATEWAY_SECRET must be set in production');
  return secret;
}

/** What a signature binds: the operation, its variables, and the caller's credentials as sent. */
export interface SignedRequest {
  query: string;
  variables: unknown;
  /** The `Authorization` header sent along, if any: a signature is void with another, or with none. */
  authorization?: string | undefined;
}

/**
 * What is signed: the time, the nonce, the internal service if any, the caller's credentials (hashed: the
 * token is not copied into the MAC's input as is), the operation and its variables.
 */
function signedText(
  timestamp: number,
  nonce: string,
  service: string | null,
  request: SignedRequest,
): string {
  const credentials = credentialsHash(request.authorization ?? '');
  return `${timestamp}.${nonce}.${service ?? ''}.${credentials}.${request.query}.${JSON.stringify(request.variables ?? null)}`;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** Hashes of the last credentials seen: a caller's token comes with each of its requests' fetches. */
const credentialHashes = new Map<string, string>();
const REMEMBERED_CREDENTIALS = 1000;

function credentialsHash(authorization: string): string {
  let hash = credentialHashes.get(authorization);
  if (hash === undefined) {
    hash = createHash('sha256').update(authorization).digest('hex');
    if (credentialHashes.size >= REMEMBERED_CREDENTIALS) credentialHashes.clear();
    credentialHashes.set(authorization, hash);
  }
  return hash;
}

/** Random bytes drawn 3 KB at a time: one call into the system's generator for 256 nonces, not one each. */
const NONCE_BYTES = 12;
let nonces = Buffer.alloc(0);
let nextNonce = 0;

function newNonce(): string {
  if (nextNonce + NONCE_BYTES > nonces.length) {
    nonces = randomBytes(NONCE_BYTES * 256);
    nextNonce = 0;
  }
  nextNonce += NONCE_BYTES;
  return nonces.toString('hex', nextNonce - NONCE_BYTES, nextNonce);
}

function sign(secret: string, service: string | null, request: SignedRequest, now: number): string {
  const nonce = newNonce();
  const signature = mac(secret, signedText(now, nonce, service, request));
  return `t=${now},n=${nonce}${service ? `,s=${service}` : ''},v1=${signature}`;
}

/** `t=<ms>,n=<nonce>,v1=<hex>` for one gateway request to a subgraph. */
export function signGatewayRequest(secret: string, request: SignedRequest, now = Date.now()): string {
  return sign(secret, null, request, now);
}

/** `t=<ms>,n=<nonce>,s=<service>,v1=<hex>` for one request of the hub's own `service` (the site). */
export function signServiceRequest(
  secret: string,
  service: string,
  request: SignedRequest,
  now = Date.now(),
): string {
  return sign(secret, service, request, now);
}

/** Who signed a request that carries a valid signature: the gateway, or one of the hub's own services. */
export type SignedBy = { kind: 'gateway' } | { kind: 'service'; service: string };

/** Remembers nonces: true the first time one is claimed within the tolerance, false after. */
export type NonceClaim = (nonce: string, ttlMs: number) => Promise<boolean>;

/**
 * The signer of a request whose signature is valid, made within the tolerance, over these credentials,
 * and not seen before; null otherwise.
 */
export async function verifyGatewaySignature(
  secret: string,
  header: string | undefined,
  request: { query?: unknown; variables?: unknown; authorization?: string | undefined },
  claimNonce: NonceClaim,
  now = Date.now(),
): Promise<SignedBy | null> {
  const match = header
    ? /^t=(\d+),n=([0-9a-f]{24})(?:,s=([a-z][a-z0-9-]*))?,v1=([0-9a-f]{64})$/.exec(header)
    : null;
  if (!match || typeof request.query !== 'string') return null;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_MS) return null;
  const nonce = match[2]!;
  const service = match[3] ?? null;
  const signed = { query: request.query, variables: request.variables, authorization: request.authorization };
  const expected = Buffer.from(mac(secret, signedText(timestamp, nonce, service, signed)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[4]!, 'hex'))) return null;
  // Claimed only once the signature holds: nobody can burn the gateway's nonces with forged headers.
  if (!(await claimNonce(nonce, 2 * SIGNATURE_TOLERANCE_MS))) return null;
  return service ? { kind: 'service', service } : { kind: 'gateway' };
}

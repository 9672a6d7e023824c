import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Subgraphs answer the gateway only: it signs each request it sends with a key the two share, and a
 * subgraph refuses any request without a valid, recent signature. Nobody can reach a tutelle's records by
 * calling its subgraph directly, around the gateway's limits and checks.
 *
 * The hub's own services that read other subgraphs (the site, for the inventory and the tariffs) sign with
 * the same key and name themselves in the signature (`s=site`): the subgraph then answers them as the
 * internal `service` caller, whatever token came along. The name is signed, so it cannot be added to a
 * gateway request, and the gateway never sends one.
 */

export const SIGNATURE_HEADER = 'x-hub-gateway-signature';

/** A signature older (or further in the future) than this is refused: a captured request cannot be replayed later. */
const TOLERANCE_MS = 5 * 60_000;

const DEV_SECRET = 'hub-development-gateway-key-not-for-production';

/** The shared key: `HUB_GATEWAY_SECRET`; a fixed development key outside production. */
export function gatewaySecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.HUB_GATEWAY_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEV_SECRET);
  if (!secret) throw new Error('HUB_GATEWAY_SECRET must be set in production');
  return secret;
}

/** What is signed: the time, the internal service if any, the operation and its variables. */
function signedText(timestamp: number, service: string | null, query: string, variables: unknown): string {
  const head = service ? `${timestamp}.${service}` : `${timestamp}`;
  return `${head}.${query}.${JSON.stringify(variables ?? null)}`;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** `t=<ms>,v1=<hex>` for one gateway request to a subgraph. */
export function signGatewayRequest(
  secret: string,
  query: string,
  variables: unknown,
  now = Date.now(),
): string {
  return `t=${now},v1=${mac(secret, signedText(now, null, query, variables))}`;
}

/** `t=<ms>,s=<service>,v1=<hex>` for one request of the hub's own `service` (the site) to a subgraph. */
export function signServiceRequest(
  secret: string,
  service: string,
  query: string,
  variables: unknown,
  now = Date.now(),
): string {
  return `t=${now},s=${service},v1=${mac(secret, signedText(now, service, query, variables))}`;
}

/** Who signed a request that carries a valid signature: the gateway, or one of the hub's own services. */
export type SignedBy = { kind: 'gateway' } | { kind: 'service'; service: string };

/** The signer of a request whose signature is valid and made within the tolerance; null otherwise. */
export function verifyGatewaySignature(
  secret: string,
  header: string | undefined,
  request: { query?: unknown; variables?: unknown },
  now = Date.now(),
): SignedBy | null {
  const match = header ? /^t=(\d+)(?:,s=([a-z][a-z0-9-]*))?,v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match || typeof request.query !== 'string') return null;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > TOLERANCE_MS) return null;
  const service = match[2] ?? null;
  const expected = Buffer.from(
    mac(secret, signedText(timestamp, service, request.query, request.variables)),
    'hex',
  );
  if (!timingSafeEqual(expected, Buffer.from(match[3]!, 'hex'))) return null;
  return service ? { kind: 'service', service } : { kind: 'gateway' };
}

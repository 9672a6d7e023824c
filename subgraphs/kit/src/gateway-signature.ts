import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Subgraphs answer the gateway only: it signs each request it sends with a key the two share, and a
 * subgraph refuses any request without a valid, recent signature. Nobody can reach a tutelle's records by
 * calling its subgraph directly, around the gateway's limits and checks.
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

/** What is signed: the time, the operation and its variables, as both sides read them from the request. */
function signedText(timestamp: number, query: string, variables: unknown): string {
  return `${timestamp}.${query}.${JSON.stringify(variables ?? null)}`;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** `t=<ms>,v1=<hex>` for one subgraph request. */
export function signGatewayRequest(
  secret: string,
  query: string,
  variables: unknown,
  now = Date.now(),
): string {
  return `t=${now},v1=${mac(secret, signedText(now, query, variables))}`;
}

/** Whether a request carries a valid signature made within the tolerance. */
export function verifyGatewaySignature(
  secret: string,
  header: string | undefined,
  request: { query?: unknown; variables?: unknown },
  now = Date.now(),
): boolean {
  const match = header ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match || typeof request.query !== 'string') return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > TOLERANCE_MS) return false;
  const expected = Buffer.from(mac(secret, signedText(timestamp, request.query, request.variables)), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

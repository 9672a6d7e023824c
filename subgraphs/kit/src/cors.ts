import type { RequestHandler } from 'express';

/**
 * Cross-origin calls from the browser applications the configuration allows (`HUB_CORS_ORIGINS`): their
 * origin is echoed with the headers a GraphQL client sends, a preflight is answered at once, and any other
 * origin gets no CORS header (the browser then refuses the answer to its page). Same-origin and
 * non-browser callers send no preflight and are unaffected.
 */
export function useCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (!origin || !allowed.has(origin)) return next();
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    res.set({
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'authorization, content-type, apollo-require-preflight, traceparent',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}

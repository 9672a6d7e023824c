import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode, isTokenRole, Role } from '@hub/schema';
import { jwtSecret, logger, mintToken, usesDevelopmentSecret } from '@hub/service-kit';
import express from 'express';

/*
 * The site's interface (gateway/web) served by the gateway: the built files at `/`, index.html for every
 * path of the application (URLs people share), the application's persisted documents, and, in the demo
 * only, the sign-in page's tokens. GET /graphql stays the sandbox.
 */

/** How people sign in: the site's identity provider (authorization code + PKCE), or the demo's roles. */
export type SignIn =
  | { kind: 'oidc'; authority: string; clientId: string; scope?: string; rolesClaim?: string }
  | { kind: 'demo' }
  | { kind: 'none' };

export interface WebAppOptions {
  /** The built application (gateway/web/dist/app). */
  root: string;
  /** hash → document: the operations the application sends by hash (codegen's persisted-documents.json). */
  persistedDocuments: string;
  signIn: SignIn;
}

/** Paths that are the gateway's, never the application's. */
const SERVER_PATHS = /^\/(graphql|health|ready|metrics|demo|app-config\.json)(\/|$)/;
/** Roles the demo's sign-in page offers; `admin` is for operators, with `hub token`. */
const DEMO_ROLES = [Role.PUBLIC, Role.PLATFORM, Role.CENTRAL, Role.STEERING];
const MAX_PLATFORMS = 20;
const JSON_LIMIT = '1mb';

/**
 * The documents by hash, read again when the file changes (the interface rebuilt while the gateway runs):
 * a hash not known makes the file be looked at, at most once a second.
 */
function persistedDocuments(file: string): {
  documentOf: (hash: string) => string | undefined;
  /** The documents' operation names: the metrics label them by name, whatever other clients send. */
  operationNames: () => ReadonlySet<string>;
} {
  let documents = new Map<string, string>();
  let names: ReadonlySet<string> = new Set();
  let readAt = '';
  let checkedAt = 0;
  const refresh = () => {
    checkedAt = Date.now();
    const version = existsSync(file) ? String(statSync(file).mtimeMs) : '';
    if (version === readAt) return;
    readAt = version;
    const texts = version ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
    // Codegen names them `sha256:<hex>`; Apollo's persisted-query extension carries the hex alone.
    documents = new Map(Object.entries(texts).map(([hash, text]) => [hash.replace(/^sha256:/, ''), text]));
    names = new Set(
      [...documents.values()].flatMap((text) =>
        [...text.matchAll(/\b(?:query|mutation)\s+(\w+)/g)].map((m) => m[1]!),
      ),
    );
  };
  refresh();
  return {
    documentOf: (hash) => {
      if (!documents.has(hash) && Date.now() - checkedAt > 1000) refresh();
      return documents.get(hash);
    },
    operationNames: () => names,
  };
}

/**
 * A request that names a known document by its hash (Apollo's persisted-query extension, or `documentId`)
 * gets its text before Apollo Server reads it: the application never sends a query's text, and no first
 * round trip is lost to PERSISTED_QUERY_NOT_FOUND. Apollo Server still checks that the text hashes to the
 * hash. Other requests pass as they came (the sandbox, scripts, automatic persisted queries).
 */
function usePersistedDocuments(documentOf: (hash: string) => string | undefined): express.RequestHandler {
  return (req, _res, next) => {
    const body = req.body as
      | { query?: unknown; documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } }
      | undefined;
    if (!body || typeof body !== 'object' || body.query !== undefined) return next();
    const id = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
    const hash = typeof id === 'string' ? id.replace(/^sha256:/, '') : '';
    const text = hash ? documentOf(hash) : undefined;
    if (text) {
      body.query = text;
      body.extensions = { ...body.extensions, persistedQuery: { version: 1, sha256Hash: hash } } as never;
      delete body.documentId;
    }
    next();
  };
}

/** The demo's tokens, for the sign-in page: only with the development key, so never in production. */
function demoTokens(): express.RequestHandler {
  return async (req, res) => {
    const { role, platforms = [] } = (req.body ?? {}) as { role?: unknown; platforms?: unknown };
    const valid =
      typeof role === 'string' &&
      isTokenRole(role) &&
      DEMO_ROLES.includes(role) &&
      Array.isArray(platforms) &&
      platforms.length <= MAX_PLATFORMS &&
      platforms.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 64);
    if (!valid) {
      res.status(400).json({
        error: `role: one of ${DEMO_ROLES.join(', ')}; platforms: at most ${MAX_PLATFORMS} codes`,
        code: ErrorCode.BAD_USER_INPUT,
      });
      return;
    }
    const subject = `demo-${role}`;
    const token = await mintToken(jwtSecret(), { subject, roles: [role], platforms: platforms as string[] });
    res.json({ token, role, platforms, demo: true });
  };
}

export interface WebApp {
  /** Express routes of the web application, mounted by the gateway's server before POST /graphql. */
  routes: (app: express.Express) => void;
  /** The application's operation names, as its persisted documents stand. */
  knownOperations: () => ReadonlySet<string>;
}

export function webApp(options: WebAppOptions): WebApp {
  const { documentOf, operationNames } = persistedDocuments(options.persistedDocuments);
  const index = path.join(options.root, 'index.html');
  // The demo's token endpoint exists only where tokens are checked against the development key.
  const demo = options.signIn.kind === 'demo' && usesDevelopmentSecret();
  const signIn: SignIn = options.signIn.kind === 'demo' && !demo ? { kind: 'none' } : options.signIn;
  const routes = (app: express.Express) => {
    app.use('/graphql', express.json({ limit: JSON_LIMIT }), usePersistedDocuments(documentOf));
    app.get('/app-config.json', (_req, res) => {
      res.set('cache-control', 'no-cache').json({ signIn });
    });
    if (demo) app.post('/demo/token', express.json({ limit: '4kb' }), demoTokens());
    if (!existsSync(index)) {
      logger.warn({ service: 'gateway', root: options.root }, 'web application not built: / not served');
      return;
    }
    // Hashed file names under /assets: kept for a year; precompressed copies when the browser takes gzip.
    app.use('/assets', (req, res, next) => {
      const file = path.join(options.root, 'assets', path.normalize(req.path));
      if (req.acceptsEncodings('gzip') && existsSync(`${file}.gz`) && file.startsWith(options.root)) {
        res.set({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
        res.type(path.extname(file));
        req.url = `${req.url}.gz`;
      }
      next();
    });
    app.use(
      express.static(options.root, {
        index: false,
        setHeaders: (res, file) => {
          if (file.includes(`${path.sep}assets${path.sep}`))
            res.set('cache-control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    // Every other GET a browser makes is a page of the application: index.html, which routes it.
    app.get(/.*/, (req, res, next) => {
      if (SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
      res.set('cache-control', 'no-cache').sendFile(index);
    });
  };
  return { routes, knownOperations: operationNames };
}

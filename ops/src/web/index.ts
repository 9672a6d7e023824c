import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { SignIn, WebAppOptions } from '@hub/gateway';
import type { Settings } from '@hub/source-kit';

/*
 * The site's interface (gateway/web) as the gateway serves it: where its build is, how people sign in, and
 * its build when it is missing or older than its sources (`pnpm start`, the browser tests).
 */

const WEB_DIR = path.resolve(__dirname, '../../../gateway/web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');

/**
 * How the interface signs people in, from the hub's settings: the site's OIDC provider when
 * `HUB_OIDC_ISSUER` and `HUB_OIDC_CLIENT_ID` are set; otherwise the demo's page, which the gateway serves
 * only while tokens are checked against the development key.
 */
export function signInFrom(settings: Settings): SignIn {
  const authority = settings.url('HUB_OIDC_ISSUER');
  const clientId = settings.text('HUB_OIDC_CLIENT_ID');
  if (authority && clientId) {
    const scope = settings.text('HUB_OIDC_SCOPE');
    const rolesClaim = settings.text('HUB_JWT_ROLES_CLAIM');
    return {
      kind: 'oidc',
      authority,
      clientId,
      ...(scope ? { scope } : {}),
      ...(rolesClaim ? { rolesClaim } : {}),
    };
  }
  return { kind: 'demo' };
}

export function webAppOptions(dist = WEB_DIST, signIn: SignIn): WebAppOptions {
  return {
    root: path.join(dist, 'app'),
    persistedDocuments: path.join(dist, 'persisted-documents.json'),
    signIn,
  };
}

/**
 * Build the interface if it is missing or out of date (a few seconds; nothing when up to date). In a child
 * process: Vite and the code generator are ES modules that the hub's CommonJS tests cannot load.
 */
export function ensureWebApp(): void {
  execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(WEB_DIR, 'build.ts'), '--if-stale'], {
    stdio: 'inherit',
    cwd: WEB_DIR,
  });
}

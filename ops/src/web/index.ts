import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { SignIn, WebAppOptions } from '@hub/gateway';

/*
 * The site's interface (gateway/web) as the gateway serves it: where its build is, how people sign in, and
 * its build when it is missing or older than its sources (`pnpm start`, the browser tests).
 */

const WEB_DIR = path.resolve(__dirname, '../../../gateway/web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');

/**
 * How the interface signs people in, from the environment: the site's OIDC provider when
 * `HUB_OIDC_ISSUER` and `HUB_OIDC_CLIENT_ID` are set; otherwise the demo's page, which the gateway serves
 * only while tokens are checked against the development key.
 */
export function signInFromEnv(env: NodeJS.ProcessEnv = process.env): SignIn {
  if (env.HUB_OIDC_ISSUER && env.HUB_OIDC_CLIENT_ID) {
    return {
      kind: 'oidc',
      authority: env.HUB_OIDC_ISSUER,
      clientId: env.HUB_OIDC_CLIENT_ID,
      ...(env.HUB_OIDC_SCOPE ? { scope: env.HUB_OIDC_SCOPE } : {}),
      ...(env.HUB_JWT_ROLES_CLAIM ? { rolesClaim: env.HUB_JWT_ROLES_CLAIM } : {}),
    };
  }
  return { kind: 'demo' };
}

export function webAppOptions(dist = WEB_DIST, signIn: SignIn = signInFromEnv()): WebAppOptions {
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

/* What the gateway says of sign-in (GET /app-config.json): the site's identity provider, the demo, or none. */

export type SignInConfig =
  | { kind: 'oidc'; authority: string; clientId: string; scope?: string; rolesClaim?: string }
  | { kind: 'demo' }
  | { kind: 'none' };

let loaded: Promise<SignInConfig> | null = null;

export function signInConfig(): Promise<SignInConfig> {
  loaded ??= fetch('/app-config.json')
    .then((r) => r.json() as Promise<{ signIn: SignInConfig }>)
    .then((c) => c.signIn)
    .catch(() => ({ kind: 'none' }) as const);
  return loaded;
}

/** oidc-client-ts, loaded only where the site's provider is configured: authorization code + PKCE. */
export async function userManager(config: Extract<SignInConfig, { kind: 'oidc' }>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/connexion/retour`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope ?? 'openid profile email',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

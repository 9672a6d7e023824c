import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/*
 * Who is signed in: the bearer token and what it says (roles, platforms), kept for the browser tab
 * (sessionStorage). The gateway checks the token on every request; what the token says here only chooses
 * which pages to offer.
 */

export type Role = 'public' | 'platform' | 'central' | 'steering' | 'admin';

export interface Session {
  token: string;
  roles: Role[];
  platforms: string[];
  name: string;
  /** Signed in through the demo's page, not the site's identity provider. */
  demo: boolean;
  expiresAt: number;
}

const STORAGE_KEY = 'hub.session';

function readStored(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return readStored()?.token ?? null;
}

function claim(payload: Record<string, unknown>, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], payload);
}

/** What a JWT says, read, not verified (the gateway verifies it). */
export function sessionFromToken(token: string, demo: boolean, rolesClaim = 'roles'): Session {
  const part = token.split('.')[1] ?? '';
  const payload = JSON.parse(
    decodeURIComponent(
      Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')))
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    ),
  ) as Record<string, unknown>;
  const roles = claim(payload, rolesClaim);
  return {
    token,
    roles: (Array.isArray(roles) ? roles : []) as Role[],
    platforms: Array.isArray(payload.platforms) ? payload.platforms.map(String) : [],
    name: String(payload.name ?? payload.preferred_username ?? payload.sub ?? ''),
    demo,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() + 3600_000,
  };
}

interface SessionContextValue {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
  has(role: Role): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readStored);
  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(
    () => ({
      session,
      signIn,
      signOut,
      has: (role: Role) => !!session?.roles.includes(role) || !!session?.roles.includes('admin'),
    }),
    [session, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

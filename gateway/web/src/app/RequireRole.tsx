import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { type Role, useSession } from './session';

/** A page for one role: anyone else is told what it needs and where to sign in, not shown an empty page. */
export function RequireRole({ needs: role, children }: { needs: Role; children: ReactNode }) {
  const { has, session } = useSession();
  const location = useLocation();
  if (has(role)) return children;
  return (
    <section>
      <h1>Accès réservé</h1>
      <p>
        Cette page est réservée au rôle « {role} ».{' '}
        {session ? 'Votre session n’a pas ce rôle.' : 'Vous n’êtes pas connecté.'}
      </p>
      <p>
        <Link to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`}>
          Se connecter avec un autre rôle
        </Link>
      </p>
    </section>
  );
}

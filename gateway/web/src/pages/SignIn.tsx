import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { type SignInConfig, signInConfig, userManager } from '../app/config';
import { useQuery } from '../app/graphql';
import { type Role, sessionFromToken, useSession } from '../app/session';
import { graphql } from '../gql';

const SignInPlatforms = graphql(`
  query SignInPlatforms {
    platforms(first: 500) {
      nodes {
        code
        name
      }
    }
  }
`);

const DEMO_ROLES: { role: Role; title: string; what: string; home: string }[] = [
  {
    role: 'platform',
    title: 'Personnel de plateforme',
    what: 'la fiche de sa plateforme, ses services et volumes, l’historique',
    home: '/espace/plateformes',
  },
  {
    role: 'central',
    title: 'Services centraux',
    what: 'la file de revue de l’inventaire, l’inventaire du site et ses exports',
    home: '/espace/inventaire',
  },
  {
    role: 'steering',
    title: 'Comité de pilotage',
    what: 'le tableau de bord : valeur des équipements, personnel, labels, tarifs',
    home: '/espace/pilotage',
  },
];

function DemoSignIn({ returnTo }: { returnTo: string | null }) {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const platforms = useQuery(SignInPlatforms, {});
  const [platform, setPlatform] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (role: Role, home: string) => {
    const codes = role === 'platform' ? [platform || platforms.data?.platforms.nodes[0]?.code || ''] : [];
    const response = await fetch('/demo/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, platforms: codes.filter(Boolean) }),
    });
    if (!response.ok) {
      setProblem(`Le serveur a refusé (HTTP ${response.status}).`);
      return;
    }
    const { token } = (await response.json()) as { token: string };
    signIn(sessionFromToken(token, true));
    navigate(returnTo ?? (role === 'platform' ? `${home}/${codes[0]}` : home));
  };
  return (
    <>
      <p className="demo-warning" role="note">
        <strong>Démonstration.</strong> Ce hub tourne sur les données de démonstration avec la clé de
        développement : choisir un rôle suffit. En production, la connexion passe par le fournisseur
        d’identité du site et cette page n’existe pas.
      </p>
      <ul className="role-cards">
        {DEMO_ROLES.map(({ role, title, what, home }) => (
          <li key={role}>
            <h2>{title}</h2>
            <p>{what}</p>
            {role === 'platform' && (
              <label>
                Plateforme gérée
                <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
                  {platforms.data?.platforms.nodes.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name} ({p.code})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" onClick={() => choose(role, home)}>
              Entrer comme « {title} »
            </button>
          </li>
        ))}
      </ul>
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}

export function SignInPage() {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [params] = useSearchParams();
  const returnTo = params.get('retour');
  useEffect(() => {
    signInConfig().then(setConfig);
  }, []);
  return (
    <section>
      <h1>Se connecter</h1>
      {!config && <p aria-live="polite">Chargement…</p>}
      {config?.kind === 'demo' && <DemoSignIn returnTo={returnTo} />}
      {config?.kind === 'oidc' && (
        <button
          type="button"
          onClick={async () => (await userManager(config)).signinRedirect({ state: returnTo ?? '/' })}
        >
          Se connecter avec le compte du site
        </button>
      )}
      {config?.kind === 'none' && (
        <p>Aucun mode de connexion n’est configuré sur ce serveur : seul le catalogue public est ouvert.</p>
      )}
    </section>
  );
}

/** Back from the identity provider: the code exchanged for tokens (PKCE), then the page asked for. */
export function SignInCallback() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    signInConfig().then(async (config) => {
      if (config.kind !== 'oidc')
        return setProblem('La connexion par le fournisseur du site n’est pas configurée.');
      try {
        const user = await (await userManager(config)).signinRedirectCallback();
        signIn(sessionFromToken(user.access_token, false, config.rolesClaim));
        navigate(typeof user.state === 'string' ? user.state : '/', { replace: true });
      } catch (error) {
        setProblem(`La connexion a échoué : ${(error as Error).message}`);
      }
    });
  }, [signIn, navigate]);
  return (
    <section>
      <h1>Connexion</h1>
      <p role={problem ? 'alert' : 'status'}>{problem ?? 'Connexion en cours…'}</p>
    </section>
  );
}

import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, NavLink, Route, Routes } from 'react-router';
import { Catalogue } from '../pages/Catalogue';
import { NotFound } from '../pages/NotFound';
import { PlatformPage } from '../pages/PlatformPage';
import { SignInCallback, SignInPage } from '../pages/SignIn';
import { RequireRole } from './RequireRole';
import { SessionProvider, useSession } from './session';

// Pages for signed-in roles are loaded when opened: a visitor's first page carries none of their code.
const PlatformSheet = lazy(() => import('../pages/PlatformSheet'));
const InventoryPage = lazy(() => import('../pages/InventoryPage'));
const Dashboard = lazy(() => import('../pages/Dashboard'));

const ROLE_NAMES: Record<string, string> = {
  platform: 'personnel de plateforme',
  central: 'services centraux',
  steering: 'comité de pilotage',
  admin: 'administration',
  public: 'public',
};

function Header() {
  const { session, has, signOut } = useSession();
  return (
    <header className="site-header">
      <a className="skip" href="#contenu">
        Aller au contenu
      </a>
      <Link to="/" className="brand">
        Plateformes de recherche du site lorrain
      </Link>
      <nav aria-label="Navigation principale">
        <NavLink to="/" end>
          Catalogue
        </NavLink>
        {has('platform') && <NavLink to="/espace/plateformes">Mes plateformes</NavLink>}
        {has('central') && <NavLink to="/espace/inventaire">Inventaire du site</NavLink>}
        {has('steering') && <NavLink to="/espace/pilotage">Pilotage</NavLink>}
        {session ? (
          <span className="who">
            {session.demo && <span className="demo-badge">démo</span>}
            {session.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}
            <button type="button" onClick={signOut}>
              Se déconnecter
            </button>
          </span>
        ) : (
          <NavLink to="/connexion">Se connecter</NavLink>
        )}
      </nav>
    </header>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Header />
        <main id="contenu">
          <Suspense fallback={<p aria-live="polite">Chargement…</p>}>
            <Routes>
              <Route path="/" element={<Catalogue />} />
              <Route path="/plateformes/:code" element={<PlatformPage />} />
              <Route path="/connexion" element={<SignInPage />} />
              <Route path="/connexion/retour" element={<SignInCallback />} />
              <Route
                path="/espace/plateformes/:code?"
                element={
                  <RequireRole needs="platform">
                    <PlatformSheet />
                  </RequireRole>
                }
              />
              <Route
                path="/espace/inventaire"
                element={
                  <RequireRole needs="central">
                    <InventoryPage />
                  </RequireRole>
                }
              />
              <Route
                path="/espace/pilotage"
                element={
                  <RequireRole needs="steering">
                    <Dashboard />
                  </RequireRole>
                }
              />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
        <footer className="site-footer">
          Données lues en direct dans les systèmes des tutelles (UL, CNRS, INRAE, CHRU de Nancy) par le hub du
          site. <a href="/graphql">API GraphQL</a>
        </footer>
      </BrowserRouter>
    </SessionProvider>
  );
}

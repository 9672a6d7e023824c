import { Link } from 'react-router';

export function NotFound() {
  return (
    <section>
      <h1>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucune page. <Link to="/">Retour au catalogue</Link>
      </p>
    </section>
  );
}

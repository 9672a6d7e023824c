import { Link, useParams } from 'react-router';
import {
  CATEGORY_NAMES,
  formatDate,
  formatEuros,
  LABEL_NAMES,
  lastFullYear,
  STATUS_NAMES,
  TUTELLE_NAMES,
  UNIT_NAMES,
} from '../app/format';
import { useQuery } from '../app/graphql';
import { Problems } from '../app/problems';
import { ScrollRegion } from '../app/ScrollRegion';
import { graphql } from '../gql';

const PlatformPageQuery = graphql(`
  query PlatformPage($code: ID!, $platform: String!, $year: Int!) {
    platform(code: $code) {
      code
      name
      units
      tutelles
      themes
      label {
        status
        granted
        nextReview
        expires
      }
      contact {
        name
        email
      }
      staffCount
      services {
        code
        name
        unit
      }
      tariffs(year: $year) {
        year
        services {
          code
          note
          prices {
            category
            priceHT {
              amount
            }
            priceTTC {
              amount
            }
          }
        }
      }
    }
    siteInventory(first: 500, filter: { platform: $platform }) {
      totalCount
      nodes {
        id
        designation
        manufacturer
        model
        tutelles
        commissioningDate
        status
      }
    }
  }
`);

const CATEGORIES = ['INTERNAL', 'EXTERNAL', 'PRIVATE'] as const;

/** A platform as the public sees it: what it is, whom to ask, what it offers at what price, with what. */
export function PlatformPage() {
  const { code = '' } = useParams();
  const year = lastFullYear();
  const { data, errors, loading } = useQuery(PlatformPageQuery, { code, platform: code, year });
  const platform = data?.platform;
  if (loading && !data) return <p aria-live="polite">Chargement…</p>;
  if (!platform) {
    return (
      <section>
        <h1>Plateforme introuvable</h1>
        <Problems errors={errors} />
        <p>
          Aucune plateforme n’a le code « {code} ». <Link to="/">Retour au catalogue</Link>
        </p>
      </section>
    );
  }
  const tariffOf = new Map(platform.tariffs?.services.map((s) => [s.code, s]) ?? []);
  return (
    <article>
      <p>
        <Link to="/">← Catalogue</Link>
      </p>
      <h1>{platform.name}</h1>
      <Problems errors={errors} />
      <dl className="facts">
        <dt>Unités</dt>
        <dd>{platform.units.join(', ')}</dd>
        <dt>Tutelles</dt>
        <dd>{platform.tutelles.map((t) => TUTELLE_NAMES[t] ?? t).join(', ')}</dd>
        <dt>Thèmes</dt>
        <dd>{platform.themes.join(', ') || '—'}</dd>
        <dt>Label</dt>
        <dd>
          {LABEL_NAMES[platform.label.status]}
          {platform.label.granted && `, obtenu le ${formatDate(platform.label.granted)}`}
          {platform.label.nextReview && `, prochaine évaluation le ${formatDate(platform.label.nextReview)}`}
        </dd>
        <dt>Contact</dt>
        <dd>
          {platform.contact ? (
            <>
              {platform.contact.name} —{' '}
              <a href={`mailto:${platform.contact.email}`}>{platform.contact.email}</a>
            </>
          ) : (
            'non renseigné'
          )}
        </dd>
        <dt>Personnel</dt>
        <dd>{platform.staffCount} personnes</dd>
      </dl>

      <h2>Services et tarifs {year}</h2>
      <p className="note">
        Tarif unique du site, le même quelle que soit la tutelle, hors taxes (TTC entre parenthèses), calculé
        sur les coûts complets de {year}.
      </p>
      {platform.tariffs == null && <p>Les tarifs de {year} ne sont pas disponibles pour le moment.</p>}
      <ScrollRegion label="Prix par catégorie d’utilisateur">
        <table>
          <caption>Prix par catégorie d’utilisateur</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Unité</th>
              {CATEGORIES.map((c) => (
                <th key={c} scope="col">
                  {CATEGORY_NAMES[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {platform.services.map((service) => {
              const tariff = tariffOf.get(service.code);
              return (
                <tr key={service.code}>
                  <th scope="row">{service.name}</th>
                  <td>{UNIT_NAMES[service.unit]}</td>
                  {CATEGORIES.map((c) => {
                    const price = tariff?.prices.find((p) => p.category === c);
                    return (
                      <td key={c} className="num">
                        {price ? (
                          <>
                            {formatEuros(price.priceHT.amount)} HT
                            {price.priceTTC && <small> ({formatEuros(price.priceTTC.amount)} TTC)</small>}
                          </>
                        ) : (
                          <span title={tariff?.note ?? undefined}>sur devis</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>Équipements ({data?.siteInventory.totalCount ?? 0})</h2>
      <p className="note">
        Un instrument financé par plusieurs tutelles apparaît une fois, avec toutes ses tutelles.
      </p>
      <ScrollRegion label="Instruments de la plateforme">
        <table>
          <caption>Instruments de la plateforme</caption>
          <thead>
            <tr>
              <th scope="col">Instrument</th>
              <th scope="col">Fabricant et modèle</th>
              <th scope="col">Tutelles</th>
              <th scope="col">Mise en service</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {data?.siteInventory.nodes.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.designation}</th>
                <td>{[e.manufacturer, e.model].filter(Boolean).join(' ') || '—'}</td>
                <td>{e.tutelles.join(', ')}</td>
                <td>{formatDate(e.commissioningDate)}</td>
                <td>{STATUS_NAMES[e.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </article>
  );
}

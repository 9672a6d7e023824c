import { useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import {
  CATEGORY_NAMES,
  formatDate,
  formatEuros,
  formatNumber,
  LABEL_NAMES,
  lastFullYear,
  STATUS_NAMES,
  TUTELLE_NAMES,
  UNIT_NAMES,
} from '../app/format';
import { useQuery } from '../app/graphql';
import { Problems, Withheld, withheld } from '../app/problems';
import { ScrollRegion } from '../app/ScrollRegion';
import { useSession } from '../app/session';
import { graphql } from '../gql';
import { FAR_FROM_TARIFF, sheetFlags } from '../sheet/checks';
import { ChangeLog, FiguresOverTime, IdentityEditor, ServiceEditor } from '../sheet/editing';

const PlatformSheetQuery = graphql(`
  query PlatformSheet($code: ID!, $year: Int!, $fromYear: Int!) {
    platform(code: $code) {
      code
      version
      description
      name
      units
      tutelles
      themes
      contact {
        name
        email
      }
      label {
        status
        granted
        nextReview
        expires
      }
      staffCount
      staffFte
      staff {
        tutelle
        share
        member {
          id
          firstName
          lastName
          grade
          jobFamily
          assignments {
            unitCode
            fte
            start
            end
            yearlyCost {
              amount
            }
          }
        }
      }
      costCentres {
        tutelle
        code
        equipment(first: 100) {
          totalCount
          nodes {
            id
            tutelle
            designation
            manufacturer
            model
            serialNumber
            commissioningDate
            valueHT {
              amount
            }
            status
            equipment {
              id
            }
          }
        }
      }
      services {
        code
        name
        unit
        yearlyVolume
        staffHoursPerUnit
        equipmentHoursPerUnit
        currentPrices {
          tutelle
          category
          price {
            amount
          }
        }
      }
      history(fromYear: $fromYear, toYear: $year) {
        asOf
        instruments
        valueHT {
          amount
        }
        headcount
        fte
      }
      changes(first: 20) {
        totalCount
        nodes {
          version
          at
          author
          action
          changes {
            field
            before
            after
          }
        }
      }
      tariffs(year: $year) {
        services {
          code
          note
          prices {
            category
            priceHT {
              amount
            }
          }
        }
      }
    }
  }
`);

/** A platform manager's sheet of their platform, pre-filled from every tutelle's systems, with what to fix. */
export default function PlatformSheet() {
  const { code } = useParams();
  const { session } = useSession();
  const year = lastFullYear();
  const mine = session?.platforms ?? [];
  const { data, errors, loading, reload } = useQuery(
    PlatformSheetQuery,
    { code: code ?? '', year, fromYear: year - 5 },
    { skip: !code },
  );
  const [status, setStatus] = useState('');
  const saved = (message: string) => {
    setStatus(message);
    reload();
  };
  if (!code) {
    if (mine.length === 1)
      return <Navigate to={`/espace/plateformes/${encodeURIComponent(mine[0]!)}`} replace />;
    return (
      <section>
        <h1>Mes plateformes</h1>
        <ul>
          {mine.map((c) => (
            <li key={c}>
              <Link to={`/espace/plateformes/${encodeURIComponent(c)}`}>{c}</Link>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const platform = data?.platform;
  if (loading && !data) return <p aria-live="polite">Chargement de la fiche…</p>;
  if (!platform) {
    return (
      <section>
        <h1>Fiche introuvable</h1>
        <Problems errors={errors} includeForbidden />
      </section>
    );
  }
  const instruments = platform.costCentres.flatMap((c) => c.equipment?.nodes ?? []);
  const flags = sheetFlags({
    label: platform.label,
    instruments,
    services: platform.services,
    tariffs: platform.tariffs?.services ?? [],
  });
  const salaryWithheld = withheld(errors, 'platform', 'staff');
  const tariffOf = new Map(platform.tariffs?.services.map((s) => [s.code, s]) ?? []);
  return (
    <article>
      <h1>Fiche de la plateforme : {platform.name}</h1>
      <p className="note">
        Pré-remplie depuis le registre du site et les systèmes de chaque tutelle (
        {platform.tutelles.join(', ')}). Page publique :{' '}
        <Link to={`/plateformes/${encodeURIComponent(platform.code)}`}>{platform.code}</Link>
      </p>
      <Problems errors={errors} />

      <section className="panel" aria-labelledby="a-corriger">
        <h2 id="a-corriger">À compléter ou corriger ({flags.length})</h2>
        {flags.length === 0 ? (
          <p>Rien à signaler.</p>
        ) : (
          <ul>
            {flags.map((f) => (
              <li key={f.what}>
                <span className={`flag ${f.severity}`}>
                  {f.severity === 'bad' ? 'à corriger' : 'à vérifier'}
                </span>{' '}
                <strong>{f.what}</strong> — {f.why}
              </li>
            ))}
          </ul>
        )}
        <p className="note">
          Un prix publié est signalé à plus de {FAR_FROM_TARIFF * 100} % du tarif unique {year}.
        </p>
      </section>

      <p role="status" aria-live="polite">
        {status}
      </p>
      <h2>Identité et label</h2>
      {platform.description && <p>{platform.description}</p>}
      <dl className="facts">
        <dt>Unités</dt>
        <dd>{platform.units.join(', ')}</dd>
        <dt>Thèmes</dt>
        <dd>{platform.themes.join(', ') || 'aucun'}</dd>
        <dt>Contact</dt>
        <dd>{platform.contact ? `${platform.contact.name} <${platform.contact.email}>` : 'non renseigné'}</dd>
        <dt>Label</dt>
        <dd>{LABEL_NAMES[platform.label.status]}</dd>
        <dt>Obtenu le</dt>
        <dd>{formatDate(platform.label.granted)}</dd>
        <dt>Prochaine évaluation</dt>
        <dd>{formatDate(platform.label.nextReview)}</dd>
        <dt>Échéance du label</dt>
        <dd>{formatDate(platform.label.expires)}</dd>
      </dl>

      <h2>Services, volumes et prix</h2>
      <ScrollRegion label="Services de la plateforme">
        <table>
          <caption>Services, volumes annuels et tarif unique {year} (HT)</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Volume annuel</th>
              <th scope="col">Heures personnel / unité</th>
              <th scope="col">Heures équipement / unité</th>
              {(['INTERNAL', 'EXTERNAL', 'PRIVATE'] as const).map((c) => (
                <th key={c} scope="col">
                  {CATEGORY_NAMES[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {platform.services.map((s) => (
              <tr key={s.code} data-service={s.code}>
                <th scope="row">{s.name}</th>
                <td className="num" data-testid={`volume-${s.code}`}>
                  {formatNumber(s.yearlyVolume)} {UNIT_NAMES[s.unit]}s
                </td>
                <td className="num">{formatNumber(s.staffHoursPerUnit)}</td>
                <td className="num">{formatNumber(s.equipmentHoursPerUnit)}</td>
                {(['INTERNAL', 'EXTERNAL', 'PRIVATE'] as const).map((c) => {
                  const single = tariffOf.get(s.code)?.prices.find((p) => p.category === c);
                  const published = s.currentPrices.filter((p) => p.category === c);
                  return (
                    <td key={c} className="num" data-testid={`tariff-${s.code}-${c}`}>
                      {single ? formatEuros(single.priceHT.amount) : 'non calculable'}
                      {published.map((p) => (
                        <div key={p.tutelle}>
                          <small>
                            {p.tutelle} publie {formatEuros(p.price.amount)}
                          </small>
                        </div>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <details className="panel">
        <summary>Corriger les volumes et les heures des services</summary>
        {platform.services.map((service) => (
          <div key={service.code}>
            <h3>{service.name}</h3>
            <ServiceEditor platform={platform} service={service} onSaved={saved} />
          </div>
        ))}
      </details>
      <details className="panel">
        <summary>Corriger la description, les thèmes et le contact</summary>
        <IdentityEditor platform={platform} onSaved={saved} />
      </details>

      <h2>Évolution</h2>
      <FiguresOverTime platform={platform} />
      <h2>Historique des modifications ({platform.changes?.totalCount ?? 0})</h2>
      <ChangeLog platform={platform} />

      <h2>
        Personnel ({platform.staffCount} personnes, {formatNumber(platform.staffFte)} ETP)
      </h2>
      <ScrollRegion label="Personnel de la plateforme">
        <table>
          <caption>Personnel et quotité sur la plateforme</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Tutelle</th>
              <th scope="col">Corps / grade</th>
              <th scope="col">Part du temps sur la plateforme</th>
              <th scope="col">Coût chargé annuel</th>
            </tr>
          </thead>
          <tbody>
            {platform.staff.map((s, index) => (
              <tr key={s.member?.id ?? `${s.tutelle}-${index}`}>
                <th scope="row">
                  {s.member?.lastName ? (
                    `${s.member.firstName ?? ''} ${s.member.lastName}`
                  ) : (
                    <Withheld what="nom" />
                  )}
                </th>
                <td>{TUTELLE_NAMES[s.tutelle] ?? s.tutelle}</td>
                <td>{s.member?.grade ?? '—'}</td>
                <td className="num">{formatNumber(s.share * 100)} %</td>
                <td className="num">
                  {s.member?.assignments?.[0]?.yearlyCost ? (
                    formatEuros(s.member.assignments[0].yearlyCost.amount, true)
                  ) : salaryWithheld ? (
                    <Withheld what="salaire" />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>Équipements de chaque tutelle ({instruments.length} fiches)</h2>
      <ScrollRegion label="Équipements par tutelle">
        <table>
          <caption>Fiches d’inventaire des tutelles sur les centres de coût de la plateforme</caption>
          <thead>
            <tr>
              <th scope="col">Désignation</th>
              <th scope="col">Tutelle</th>
              <th scope="col">Fabricant, modèle</th>
              <th scope="col">N° de série</th>
              <th scope="col">Mise en service</th>
              <th scope="col">Valeur HT</th>
              <th scope="col">État</th>
              <th scope="col">Instrument du site</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.designation}</th>
                <td>{r.tutelle}</td>
                <td>{[r.manufacturer, r.model].filter(Boolean).join(' ') || '—'}</td>
                <td>{r.serialNumber ?? '—'}</td>
                <td>{formatDate(r.commissioningDate)}</td>
                <td className="num">{formatEuros(r.valueHT.amount)}</td>
                <td>{STATUS_NAMES[r.status]}</td>
                <td>{r.equipment?.id ?? 'non rapproché'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </article>
  );
}

import { type FormEvent, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LABEL_NAMES, TUTELLE_NAMES } from '../app/format';
import { useQuery } from '../app/graphql';
import { Problems } from '../app/problems';
import { graphql } from '../gql';
import type { Tutelle } from '../gql/graphql';

const CatalogueQuery = graphql(`
  query Catalogue($filter: PlatformFilter, $first: Int!, $after: String, $kind: String!, $byKind: Boolean!) {
    platforms(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        code
        name
        units
        tutelles
        themes
        label {
          status
        }
      }
    }
    siteInventoryTotals(filter: { search: $kind }, groupBy: PLATFORM) @include(if: $byKind) {
      key
      equipmentCount
    }
  }
`);

const CatalogueOptions = graphql(`
  query CatalogueOptions {
    platforms(first: 500) {
      nodes {
        units
        themes
      }
    }
  }
`);

const FIELDS = ['q', 'theme', 'unit', 'tutelle', 'instrument'] as const;
const PAGE = 60;
const KIND_PAGE = 500;

/** The public catalogue: every criterion is in the URL, so a search can be shared and bookmarked. */
export function Catalogue() {
  const [params, setParams] = useSearchParams();
  const value = (name: (typeof FIELDS)[number]) => params.get(name) ?? '';
  const kind = value('instrument').trim();
  const filter = {
    ...(value('q') ? { search: value('q') } : {}),
    ...(value('theme') ? { theme: value('theme') } : {}),
    ...(value('unit') ? { unit: value('unit') } : {}),
    ...(value('tutelle') ? { tutelle: value('tutelle') as Tutelle } : {}),
  };
  const after = params.get('apres');
  // By instrument kind, the platforms of a page are those that have one: large pages, so that few are empty.
  const first = kind ? KIND_PAGE : PAGE;
  const { data, errors, loading } = useQuery(CatalogueQuery, {
    filter,
    first,
    after,
    kind,
    byKind: kind !== '',
  });
  const optionsAnswer = useQuery(CatalogueOptions, {});
  const options = useMemo(() => {
    const nodes = optionsAnswer.data?.platforms.nodes ?? [];
    const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'fr'));
    return { themes: sorted(nodes.flatMap((n) => n.themes)), units: sorted(nodes.flatMap((n) => n.units)) };
  }, [optionsAnswer.data]);
  // Instruments of the kind asked, counted by platform (the site inventory: one per instrument).
  const instruments = new Map((data?.siteInventoryTotals ?? []).map((t) => [t.key ?? '', t.equipmentCount]));
  const platforms = (data?.platforms.nodes ?? []).filter((p) => !kind || instruments.has(p.code));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FIELDS) {
      const v = String(form.get(name) ?? '').trim();
      if (v) next.set(name, v);
    }
    setParams(next);
  };
  return (
    <section>
      <h1>Catalogue des plateformes</h1>
      <p className="lead">
        Les plateformes de recherche du site lorrain, leurs équipements et leurs tarifs, tels que les tutelles
        les enregistrent.
      </p>
      <search>
        <form className="search" onSubmit={submit} key={params.toString()}>
          <label>
            Mots
            <input
              name="q"
              type="search"
              defaultValue={value('q')}
              placeholder="microscopie, spectrométrie…"
              maxLength={100}
            />
          </label>
          <label>
            Type d’instrument
            <input
              name="instrument"
              type="search"
              defaultValue={kind}
              placeholder="diffractomètre, ICP-MS…"
              maxLength={100}
            />
          </label>
          <label>
            Thème
            <select name="theme" defaultValue={value('theme')}>
              <option value="">Tous</option>
              {options.themes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            Unité
            <select name="unit" defaultValue={value('unit')}>
              <option value="">Toutes</option>
              {options.units.map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
          </label>
          <label>
            Tutelle
            <select name="tutelle" defaultValue={value('tutelle')}>
              <option value="">Toutes</option>
              {Object.entries(TUTELLE_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Rechercher</button>
        </form>
      </search>
      <Problems errors={errors} />
      <p aria-live="polite" className="count">
        {loading
          ? 'Recherche…'
          : kind
            ? `${platforms.length} plateforme${platforms.length > 1 ? 's' : ''}`
            : `${data?.platforms.totalCount ?? 0} plateformes${data?.platforms.pageInfo.hasNextPage ? `, ${platforms.length} affichées` : ''}`}
      </p>
      <ul className="platform-list">
        {platforms.map((p) => (
          <li key={p.code}>
            <h2>
              <Link to={`/plateformes/${encodeURIComponent(p.code)}`}>{p.name}</Link>
            </h2>
            <p className="meta">
              {p.units.join(', ')} · {p.tutelles.map((t) => TUTELLE_NAMES[t] ?? t).join(', ')} ·{' '}
              {LABEL_NAMES[p.label.status]}
            </p>
            {p.themes.length > 0 && <p className="themes">{p.themes.join(' · ')}</p>}
            {kind && (
              <p className="matched">
                {instruments.get(p.code)} instrument{(instruments.get(p.code) ?? 0) > 1 ? 's' : ''} « {kind} »
              </p>
            )}
          </li>
        ))}
      </ul>
      {data?.platforms.pageInfo.hasNextPage && (
        <p>
          <Link
            to={`?${new URLSearchParams({ ...Object.fromEntries(params), apres: data.platforms.pageInfo.endCursor ?? '' })}`}
          >
            Plateformes suivantes
          </Link>
        </p>
      )}
    </section>
  );
}

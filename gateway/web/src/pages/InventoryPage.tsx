import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../app/DataTable';
import { type Column, downloadCsv, downloadXlsx } from '../app/export';
import { formatEuros, formatNumber, STATUS_NAMES, TUTELLE_NAMES } from '../app/format';
import { type Answer, request, useQuery } from '../app/graphql';
import { Problems } from '../app/problems';
import { graphql } from '../gql';
import type { EquipmentFilter, EquipmentStatus, SiteInventoryPageQuery, Tutelle } from '../gql/graphql';
import { ReviewQueue } from './ReviewQueue';

const SiteInventoryPage = graphql(`
  query SiteInventoryPage($filter: EquipmentFilter, $after: String, $first: Int!) {
    siteInventoryTotals {
      equipmentCount
      valueHT {
        amount
      }
    }
    filtered: siteInventoryTotals(filter: $filter) {
      equipmentCount
      valueHT {
        amount
      }
    }
    siteInventory(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        designation
        manufacturer
        model
        serialNumber
        platformCode
        unitCode
        tutelles
        valueHT {
          amount
        }
        commissioningDate
        ageYears
        status
        confidence
        confirmed
      }
    }
  }
`);

type Row = SiteInventoryPageQuery['siteInventory']['nodes'][number];

const COLUMNS: Column<Row>[] = [
  { header: 'Identifiant', value: (r) => r.id },
  { header: 'Désignation', value: (r) => r.designation },
  { header: 'Fabricant', value: (r) => r.manufacturer },
  { header: 'Modèle', value: (r) => r.model },
  { header: 'N° de série', value: (r) => r.serialNumber },
  { header: 'Plateforme', value: (r) => r.platformCode },
  { header: 'Unité', value: (r) => r.unitCode },
  { header: 'Tutelles', value: (r) => r.tutelles.join(', ') },
  { header: 'Valeur HT (€)', value: (r) => r.valueHT.amount },
  { header: 'Mise en service', value: (r) => r.commissioningDate },
  { header: 'Âge (ans)', value: (r) => r.ageYears },
  { header: 'État', value: (r) => STATUS_NAMES[r.status] ?? r.status },
  {
    header: 'Confiance',
    value: (r) => (r.confidence == null ? null : Math.round(r.confidence * 1000) / 1000),
  },
];

const FIELDS = ['recherche', 'tutelle', 'plateforme', 'etat'] as const;
const PAGE = 100;
/** Pages of 500 (the graph's largest) for an export of the whole filtered inventory. */
const EXPORT_PAGE = 500;

function filterOf(params: URLSearchParams): EquipmentFilter {
  const get = (name: (typeof FIELDS)[number]) => params.get(name) || undefined;
  return {
    ...(get('recherche') ? { search: get('recherche') } : {}),
    ...(get('tutelle') ? { tutelle: get('tutelle') as Tutelle } : {}),
    ...(get('plateforme') ? { platform: get('plateforme') } : {}),
    ...(get('etat') ? { status: get('etat') as EquipmentStatus } : {}),
  };
}

async function everyRow(filter: EquipmentFilter, onProgress: (n: number) => void): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  do {
    const answer: Answer<SiteInventoryPageQuery> = await request(SiteInventoryPage, {
      filter,
      after,
      first: EXPORT_PAGE,
    });
    if (!answer.data) throw new Error(answer.errors[0]?.message ?? 'réponse vide');
    rows.push(...answer.data.siteInventory.nodes);
    onProgress(rows.length);
    after = answer.data.siteInventory.pageInfo.hasNextPage
      ? (answer.data.siteInventory.pageInfo.endCursor ?? null)
      : null;
  } while (after);
  return rows;
}

/** The central services' page: what to review, and the site-wide inventory searched, filtered, exported. */
export default function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [after, setAfter] = useState<string | null>(null);
  const { data, errors, reload } = useQuery(SiteInventoryPage, { filter, after, first: PAGE });
  const [status, setStatus] = useState('');
  const [exporting, setExporting] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FIELDS) {
      const v = String(form.get(name) ?? '').trim();
      if (v) next.set(name, v);
    }
    setAfter(null);
    setParams(next);
  };
  const exportAll = async (format: 'csv' | 'xlsx') => {
    try {
      setExporting('Préparation de l’export…');
      const rows = await everyRow(filter, (n) => setExporting(`${n} instruments lus…`));
      if (format === 'csv') await downloadCsv(rows, COLUMNS, 'inventaire-du-site');
      else await downloadXlsx(rows, COLUMNS, 'inventaire-du-site');
      setExporting(`Export prêt : ${rows.length} instruments.`);
    } catch (error) {
      setExporting(`L’export a échoué : ${(error as Error).message}`);
    }
  };
  const total = data?.siteInventoryTotals[0];
  const filtered = data?.filtered[0];
  return (
    <section>
      <h1>Inventaire du site</h1>
      <div className="cards">
        <div className="card">
          <div>Instruments du site</div>
          <div className="value" data-testid="site-count">
            {total ? formatNumber(total.equipmentCount) : '…'}
          </div>
        </div>
        <div className="card">
          <div>Valeur HT du site</div>
          <div className="value">{total ? formatEuros(total.valueHT.amount, true) : '…'}</div>
        </div>
      </div>
      <p role="status" aria-live="polite">
        {status}
      </p>
      <ReviewQueue
        onDecided={(message) => {
          setStatus(message);
          reload();
        }}
      />
      <h2 id="inventaire">Instruments</h2>
      <search>
        <form className="search" onSubmit={submit} key={params.toString()}>
          <label>
            Recherche
            <input
              name="recherche"
              type="search"
              defaultValue={params.get('recherche') ?? ''}
              maxLength={100}
            />
          </label>
          <label>
            Tutelle
            <select name="tutelle" defaultValue={params.get('tutelle') ?? ''}>
              <option value="">Toutes</option>
              {Object.entries(TUTELLE_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Plateforme (code)
            <input name="plateforme" defaultValue={params.get('plateforme') ?? ''} maxLength={64} />
          </label>
          <label>
            État
            <select name="etat" defaultValue={params.get('etat') ?? ''}>
              <option value="">Tous</option>
              {Object.entries(STATUS_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filtrer</button>
        </form>
      </search>
      <Problems errors={errors} includeForbidden />
      <p>
        {filtered
          ? `${formatNumber(filtered.equipmentCount)} instruments, ${formatEuros(filtered.valueHT.amount, true)} HT`
          : '…'}
      </p>
      <div className="exports">
        <button type="button" onClick={() => exportAll('csv')}>
          Exporter tout l’inventaire filtré (CSV)
        </button>
        <button type="button" onClick={() => exportAll('xlsx')}>
          Exporter tout l’inventaire filtré (XLSX)
        </button>
        {exporting && <span role="status">{exporting}</span>}
      </div>
      {data && (
        <DataTable
          caption={`Instruments (page de ${PAGE})`}
          rows={data.siteInventory.nodes}
          columns={COLUMNS}
          exportName="inventaire-page"
        />
      )}
      {data?.siteInventory.pageInfo.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => setAfter(data.siteInventory.pageInfo.endCursor ?? null)}
        >
          Page suivante
        </button>
      )}
    </section>
  );
}

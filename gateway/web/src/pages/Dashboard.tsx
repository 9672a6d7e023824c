import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../app/DataTable';
import {
  formatEuros,
  formatNumber,
  formatPercent,
  LABEL_NAMES,
  lastFullYear,
  TUTELLE_NAMES,
} from '../app/format';
import { type Answer, useQuery } from '../app/graphql';
import { Problems, Withheld } from '../app/problems';
import { LazyChart as Chart } from '../charts/LazyChart';
import {
  DashboardDivergence,
  type DashboardInstrument,
  type DashboardPlatform,
  readInstruments,
  readPlatforms,
} from '../dashboard/data';
import {
  ageBands,
  DEFAULT_USEFUL_LIFE_YEARS,
  labelCalendar,
  renewalForecast,
  staffTotals,
  valueByPlatform,
  valueByTutelle,
  valueEvolution,
} from '../dashboard/indicators';

const TUTELLES = ['UL', 'CNRS', 'INRAE', 'CHRU'];
const TOP = 15;
/** A figure the graph could not give (the notice above says why). */
const UNAVAILABLE = 'indisponible';

function useOnce<T>(read: () => Promise<Answer<T>>): Answer<T> & { loading: boolean } {
  const [state, setState] = useState<Answer<T> & { loading: boolean }>({
    data: null,
    errors: [],
    loading: true,
  });
  useEffect(() => {
    read().then(
      (answer) => setState({ ...answer, loading: false }),
      (error: Error) => setState({ data: null, errors: [{ message: error.message }], loading: false }),
    );
  }, [read]);
  return state;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The steering committee's dashboard: a chosen year, and how the site got there. */
export default function Dashboard() {
  const [params, setParams] = useSearchParams();
  const latest = lastFullYear();
  const year = Number(params.get('annee')) || latest;
  const years = Array.from({ length: 6 }, (_, k) => year - 5 + k);
  const inventory = useOnce<DashboardInstrument[]>(readInstruments);
  const platforms = useOnce<DashboardPlatform[]>(readPlatforms);
  // Three years at most: each is a read of every tutelle's cost base (the gateway's maxTariffYears).
  const divergence = useQuery(DashboardDivergence, { year, y1: year - 1, y2: year - 2 });
  const instruments = inventory.data ?? [];

  const byTutelle = useMemo(() => valueByTutelle(instruments, year), [instruments, year]);
  const byPlatform = useMemo(() => valueByPlatform(instruments, year), [instruments, year]);
  const evolution = useMemo(() => valueEvolution(instruments, years, TUTELLES), [instruments, years.join()]);
  const ages = useMemo(() => ageBands(instruments, year), [instruments, year]);
  const renewals = useMemo(() => renewalForecast(instruments, year), [instruments, year]);
  const staff = useMemo(
    () =>
      staffTotals(
        (platforms.data ?? []).flatMap((p) => p.staff),
        year,
      ),
    [platforms.data, year],
  );
  const labels = useMemo(() => labelCalendar(platforms.data ?? [], year), [platforms.data, year]);
  const current = divergence.data?.current;
  const gaps = [...(current?.platforms ?? [])].sort(
    (a, b) => (b.summary.meanAbsoluteGapPercent ?? 0) - (a.summary.meanAbsoluteGapPercent ?? 0),
  );
  const pastGaps = [divergence.data?.y2, divergence.data?.y1, current];
  const payrollWithheld = staff.some((s) => s.payroll == null);
  const totalValue = byTutelle.reduce((sum, t) => sum + t.value, 0);
  const totalFte = staff.reduce((sum, s) => sum + s.fte, 0);

  return (
    <section>
      <h1>Tableau de bord du comité de pilotage</h1>
      <div className="toolbar">
        <label>
          Année
          <select
            value={year}
            onChange={(e) => setParams(new URLSearchParams({ annee: e.target.value }))}
            aria-describedby="annee-aide"
          >
            {Array.from({ length: 8 }, (_, k) => latest - 7 + k + 1).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span id="annee-aide" className="note">
          Chiffres à la fin de l’année choisie ; évolution sur les cinq années précédentes.
        </span>
      </div>
      <Problems errors={[...inventory.errors, ...platforms.errors, ...divergence.errors]} />
      <div className="cards">
        <div className="card">
          <div>Valeur HT des équipements fin {year}</div>
          <div className="value" data-testid="total-value">
            {inventory.loading ? '…' : inventory.data ? formatEuros(totalValue, true) : UNAVAILABLE}
          </div>
        </div>
        <div className="card">
          <div>Personnel des plateformes (ETP) en {year}</div>
          <div className="value">
            {platforms.loading ? '…' : platforms.data ? formatNumber(totalFte) : UNAVAILABLE}
          </div>
        </div>
        <div className="card">
          <div>Évaluations de label en retard</div>
          <div className="value">
            {platforms.loading ? '…' : platforms.data ? labels.overdue : UNAVAILABLE}
          </div>
        </div>
        <div className="card">
          <div>Écart moyen au tarif unique {year}</div>
          <div className="value">
            {current
              ? formatPercent(current.site.meanAbsoluteGapPercent)
              : divergence.loading
                ? '…'
                : UNAVAILABLE}
          </div>
        </div>
      </div>

      <Section id="valeur-tutelle" title={`Valeur des équipements par tutelle, fin ${year}`}>
        <p className="note">
          Part de chaque tutelle dans les instruments en service aujourd’hui et mis en service avant la fin de
          l’année (un instrument cofinancé compte une fois, pour la part de chacune).
        </p>
        <Chart
          title={`Valeur HT des équipements par tutelle, fin ${year}`}
          categories={byTutelle.map((t) => TUTELLE_NAMES[t.key] ?? t.key)}
          series={[{ name: 'Valeur HT (€)', values: byTutelle.map((t) => t.value) }]}
          unit="€"
        />
        <DataTable
          caption={`Valeur par tutelle ${year}`}
          exportName={`valeur-par-tutelle-${year}`}
          rows={byTutelle}
          columns={[
            { header: 'Tutelle', value: (r) => TUTELLE_NAMES[r.key] ?? r.key },
            { header: 'Instruments', value: (r) => r.count },
            { header: 'Valeur HT (€)', value: (r) => r.value },
          ]}
        />
        <Chart
          title={`Évolution de la valeur HT par tutelle, ${years[0]} à ${year}`}
          categories={years.map(String)}
          series={TUTELLES.map((t) => ({
            name: TUTELLE_NAMES[t] ?? t,
            values: evolution[t] ?? [],
            kind: 'line',
          }))}
          unit="€"
        />
        <DataTable
          caption={`Évolution de la valeur par tutelle ${years[0]}-${year}`}
          exportName={`evolution-valeur-${years[0]}-${year}`}
          rows={years.map((y, k) => ({
            year: y,
            ...Object.fromEntries(TUTELLES.map((t) => [t, evolution[t]?.[k] ?? 0])),
          }))}
          columns={[
            { header: 'Année', value: (r) => r.year },
            ...TUTELLES.map((t) => ({ header: `${t} (€ HT)`, value: (r: Record<string, number>) => r[t] })),
          ]}
        />
      </Section>

      <Section id="valeur-plateforme" title={`Valeur des équipements par plateforme, fin ${year}`}>
        <Chart
          title={`Les ${TOP} plateformes les mieux équipées, valeur HT fin ${year}`}
          categories={byPlatform.slice(0, TOP).map((p) => p.key)}
          series={[{ name: 'Valeur HT (€)', values: byPlatform.slice(0, TOP).map((p) => p.value) }]}
          horizontal
          unit="€"
        />
        <DataTable
          caption={`Valeur par plateforme ${year}`}
          exportName={`valeur-par-plateforme-${year}`}
          rows={byPlatform}
          limit={TOP}
          columns={[
            { header: 'Plateforme', value: (r) => r.key },
            { header: 'Instruments', value: (r) => r.count },
            { header: 'Valeur HT (€)', value: (r) => r.value },
          ]}
        />
      </Section>

      <Section id="age" title={`Âge des instruments et renouvellements, à partir de ${year}`}>
        <Chart
          title={`Instruments par tranche d’âge, fin ${year}`}
          categories={ages.map((a) => a.key)}
          series={[{ name: 'Instruments', values: ages.map((a) => a.count) }]}
        />
        <DataTable
          caption={`Instruments par âge ${year}`}
          exportName={`age-des-instruments-${year}`}
          rows={ages}
          columns={[
            { header: 'Âge fin d’année', value: (r) => r.key },
            { header: 'Instruments', value: (r) => r.count },
            { header: 'Valeur HT (€)', value: (r) => r.value },
          ]}
        />
        <p className="note">
          Fin de vie : mise en service plus la durée de vie la plus longue qu’une tutelle enregistre (à défaut{' '}
          {DEFAULT_USEFUL_LIFE_YEARS} ans, la règle de la politique tarifaire).
        </p>
        <Chart
          title={`Renouvellements à prévoir par année, valeur HT, après ${year}`}
          categories={renewals.map((r) => r.key)}
          series={[{ name: 'Valeur HT à renouveler (€)', values: renewals.map((r) => r.value) }]}
          unit="€"
        />
        <DataTable
          caption={`Renouvellements à prévoir après ${year}`}
          exportName={`renouvellements-${year}`}
          rows={renewals}
          columns={[
            { header: 'Fin de vie', value: (r) => r.key },
            { header: 'Instruments', value: (r) => r.count },
            { header: 'Valeur HT (€)', value: (r) => r.value },
          ]}
        />
      </Section>

      <Section id="personnel" title={`Personnel des plateformes en ${year}, par tutelle et catégorie`}>
        <Chart
          title={`ETP par tutelle et catégorie, ${year}`}
          categories={TUTELLES.map((t) => TUTELLE_NAMES[t] ?? t)}
          series={[...new Set(staff.map((s) => s.category))].map((category) => ({
            name: category,
            stack: 'etp',
            values: TUTELLES.map(
              (t) => staff.find((s) => s.tutelle === t && s.category === category)?.fte ?? 0,
            ),
          }))}
        />
        {payrollWithheld && <Withheld what="une partie de la masse salariale" />}
        <DataTable
          caption={`ETP et masse salariale ${year}`}
          exportName={`personnel-${year}`}
          rows={staff}
          limit={TOP}
          columns={[
            { header: 'Tutelle', value: (r) => TUTELLE_NAMES[r.tutelle] ?? r.tutelle },
            { header: 'Catégorie', value: (r) => r.category },
            { header: 'Personnes', value: (r) => r.people },
            { header: 'ETP', value: (r) => r.fte },
            { header: 'Masse salariale chargée (€)', value: (r) => r.payroll },
          ]}
          render={{
            'Masse salariale chargée (€)': (r) =>
              r.payroll == null ? <Withheld what="montant" /> : formatEuros(r.payroll, true),
          }}
        />
      </Section>

      <Section id="labels" title="Calendrier des labels">
        <Chart
          title={`Évaluations de label prévues par année, ${labels.years[0]} à ${labels.years.at(-1)}`}
          categories={labels.years.map(String)}
          series={[{ name: 'Évaluations prévues', values: labels.due }]}
        />
        <DataTable
          caption="Prochaines évaluations de label"
          exportName="calendrier-des-labels"
          rows={[...labels.rows.filter((r) => r.overdue), ...labels.rows.filter((r) => !r.overdue)]}
          limit={TOP}
          columns={[
            { header: 'Plateforme', value: (r) => r.name },
            { header: 'Statut', value: (r) => LABEL_NAMES[r.status] ?? r.status },
            { header: 'Prochaine évaluation', value: (r) => r.nextReview },
            { header: 'En retard', value: (r) => (r.overdue ? 'oui' : 'non') },
          ]}
          render={{
            'En retard': (r) =>
              r.overdue ? (
                <span className="flag bad">en retard</span>
              ) : (
                <span className="flag ok">à venir</span>
              ),
          }}
        />
      </Section>

      <Section id="tarifs" title={`Écart des prix publiés au tarif unique, ${year}`}>
        {current?.unavailable.length ? (
          <p className="problems">
            Tarif non calculable pour {current.unavailable.length} plateformes :{' '}
            {current.unavailable.map((u) => `${u.platformCode} (${u.source ?? u.message})`).join(', ')}
          </p>
        ) : null}
        <Chart
          title={`Écart absolu moyen par plateforme, ${year} (${TOP} plus grands)`}
          categories={gaps.slice(0, TOP).map((g) => g.platformCode)}
          series={[
            {
              name: 'Écart absolu moyen (%)',
              values: gaps.slice(0, TOP).map((g) => g.summary.meanAbsoluteGapPercent ?? null),
            },
          ]}
          horizontal
          unit="%"
        />
        <DataTable
          caption={`Écart au tarif unique par plateforme ${year}`}
          exportName={`ecart-tarifs-${year}`}
          rows={gaps}
          limit={TOP}
          columns={[
            { header: 'Plateforme', value: (r) => r.platformCode },
            { header: 'Prix comparés', value: (r) => r.summary.comparisons },
            { header: 'Écart moyen (%)', value: (r) => r.summary.meanGapPercent },
            { header: 'Écart absolu moyen (%)', value: (r) => r.summary.meanAbsoluteGapPercent },
            { header: 'Prix à plus de 10 %', value: (r) => r.summary.beyondTenPercent },
            { header: 'Écart annuel (€)', value: (r) => r.summary.yearlyGap.amount },
          ]}
        />
        <Chart
          title={`Évolution de l’écart absolu moyen du site, ${year - 3} à ${year}`}
          categories={[year - 3, year - 2, year - 1, year].map(String)}
          series={[
            {
              name: 'Écart absolu moyen (%)',
              values: pastGaps.map((g) => g?.site.meanAbsoluteGapPercent ?? null),
              kind: 'line',
            },
          ]}
          unit="%"
        />
      </Section>
    </section>
  );
}

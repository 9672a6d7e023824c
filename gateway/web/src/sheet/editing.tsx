import { type FormEvent, useState } from 'react';
import { DataTable } from '../app/DataTable';
import { formatDate, formatEuros, formatNumber } from '../app/format';
import type { GraphQLProblem } from '../app/graphql';
import { Problems } from '../app/problems';
import { useMutation } from '../app/useMutation';
import { LazyChart } from '../charts/LazyChart';
import { graphql } from '../gql';
import type { PlatformSheetQuery, ServiceUnit } from '../gql/graphql';

/*
 * What a platform's managers correct through the graph (issue-16's mutations): each edit names the version
 * it was made on, so a stale edit is refused rather than lost; then the sheet is read again.
 */

const SaveService = graphql(`
  mutation SaveService($platform: ID!, $expectedVersion: Int!, $service: ServiceInput!) {
    saveService(platform: $platform, expectedVersion: $expectedVersion, service: $service) {
      version
    }
  }
`);

const EditPlatform = graphql(`
  mutation EditPlatform($code: ID!, $expectedVersion: Int!, $edit: PlatformEdit!) {
    editPlatform(code: $code, expectedVersion: $expectedVersion, edit: $edit) {
      version
    }
  }
`);

type Platform = NonNullable<PlatformSheetQuery['platform']>;
type Service = Platform['services'][number];

function refusal(errors: GraphQLProblem[]): GraphQLProblem[] {
  return errors.map((e) =>
    e.extensions?.code === 'VERSION_CONFLICT'
      ? { message: 'La fiche a été modifiée entre-temps : elle est rechargée, refaites votre modification.' }
      : e,
  );
}

/** A service's yearly volume and hours per unit, corrected in place. */
export function ServiceEditor({
  platform,
  service,
  onSaved,
}: {
  platform: Platform;
  service: Service;
  onSaved: (message: string) => void;
}) {
  const save = useMutation(SaveService);
  const [problems, setProblems] = useState<GraphQLProblem[]>([]);
  if (service.yearlyVolume == null) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(String(form.get(name)).replace(',', '.'));
    const answer = await save.run({
      platform: platform.code,
      expectedVersion: platform.version,
      service: {
        code: service.code,
        name: service.name,
        unit: service.unit as ServiceUnit,
        yearlyVolume: number('volume'),
        staffHoursPerUnit: number('staffHours'),
        equipmentHoursPerUnit: number('equipmentHours'),
      },
    });
    setProblems(refusal(answer.errors));
    if (answer.errors.length === 0) onSaved(`Enregistré : ${service.name}`);
    else if (answer.errors.some((e) => e.extensions?.code === 'VERSION_CONFLICT')) onSaved('');
  };
  return (
    <form className="inline" onSubmit={submit} aria-label={`Corriger ${service.name}`}>
      <label>
        Volume annuel
        <input name="volume" inputMode="decimal" defaultValue={service.yearlyVolume} required size={8} />
      </label>
      <label>
        Heures personnel / unité
        <input
          name="staffHours"
          inputMode="decimal"
          defaultValue={service.staffHoursPerUnit ?? 0}
          required
          size={6}
        />
      </label>
      <label>
        Heures équipement / unité
        <input
          name="equipmentHours"
          inputMode="decimal"
          defaultValue={service.equipmentHoursPerUnit ?? 0}
          required
          size={6}
        />
      </label>
      <button type="submit" disabled={save.running}>
        Enregistrer
      </button>
      <Problems errors={problems} includeForbidden title="Modification refusée" />
    </form>
  );
}

/** Description, themes and contact: what a platform says of itself. */
export function IdentityEditor({
  platform,
  onSaved,
}: {
  platform: Platform;
  onSaved: (message: string) => void;
}) {
  const edit = useMutation(EditPlatform);
  const [problems, setProblems] = useState<GraphQLProblem[]>([]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const themes = text('themes')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const contact =
      text('contactName') && text('contactEmail')
        ? { name: text('contactName'), email: text('contactEmail') }
        : null;
    const answer = await edit.run({
      code: platform.code,
      expectedVersion: platform.version,
      edit: { description: text('description'), themes, ...(contact ? { contact } : {}) },
    });
    setProblems(refusal(answer.errors));
    if (answer.errors.length === 0) onSaved('Fiche enregistrée');
    else if (answer.errors.some((e) => e.extensions?.code === 'VERSION_CONFLICT')) onSaved('');
  };
  return (
    <form className="identity" onSubmit={submit} aria-label="Description, thèmes et contact">
      <label>
        Description
        <textarea name="description" rows={3} maxLength={2000} defaultValue={platform.description ?? ''} />
      </label>
      <label>
        Thèmes (séparés par des virgules)
        <input name="themes" defaultValue={platform.themes.join(', ')} maxLength={500} />
      </label>
      <label>
        Contact : nom
        <input name="contactName" defaultValue={platform.contact?.name ?? ''} maxLength={200} />
      </label>
      <label>
        Contact : courriel
        <input
          name="contactEmail"
          type="email"
          defaultValue={platform.contact?.email ?? ''}
          maxLength={200}
        />
      </label>
      <button type="submit" disabled={edit.running}>
        Enregistrer la fiche
      </button>
      <Problems errors={problems} includeForbidden title="Modification refusée" />
    </form>
  );
}

const FIELD_NAMES: Record<string, string> = {
  yearlyVolume: 'volume annuel',
  staffHoursPerUnit: 'heures personnel / unité',
  equipmentHoursPerUnit: 'heures équipement / unité',
  description: 'description',
  themes: 'thèmes',
  contact: 'contact',
};

/** "services.XG-HOUR.yearlyVolume" → "XG-HOUR : volume annuel". */
const fieldName = (field: string) => {
  const parts = field.split('.');
  const last = parts.at(-1) ?? field;
  const named = FIELD_NAMES[last] ?? last;
  return parts.length > 2 ? `${parts.slice(1, -1).join('.')} : ${named}` : named;
};

/** The platform's change log, newest first: who, when, each field as it was and became. */
export function ChangeLog({ platform }: { platform: Platform }) {
  const changes = platform.changes?.nodes ?? [];
  const rows = changes.flatMap((c) =>
    c.changes.map((f) => ({ version: c.version, at: c.at, author: c.author, action: c.action, ...f })),
  );
  return (
    <DataTable
      caption="Historique des modifications"
      exportName={`historique-${platform.code}`}
      rows={rows}
      limit={20}
      columns={[
        { header: 'Version', value: (r) => r.version },
        { header: 'Date', value: (r) => r.at },
        { header: 'Auteur', value: (r) => r.author },
        { header: 'Champ', value: (r) => fieldName(r.field) },
        { header: 'Avant', value: (r) => r.before },
        { header: 'Après', value: (r) => r.after },
      ]}
      render={{ Date: (r) => formatDate(r.at) }}
    />
  );
}

/** The platform's figures at each year's end, from the sources' own dates. */
export function FiguresOverTime({ platform }: { platform: Platform }) {
  const rows = platform.history;
  // Null when a tutelle could not be read: the page's alert already says which, and what is missing.
  if (!rows) return <p className="note">Chiffres dans le temps indisponibles : une tutelle ne répond pas.</p>;
  return (
    <>
      <LazyChart
        title={`Instruments et ETP de la plateforme, fin d’année, ${rows[0]?.asOf.slice(0, 4) ?? ''} à ${rows.at(-1)?.asOf.slice(0, 4) ?? ''}`}
        categories={rows.map((r) => r.asOf.slice(0, 4))}
        series={[
          { name: 'Instruments en service', values: rows.map((r) => r.instruments) },
          { name: 'ETP', values: rows.map((r) => r.fte), kind: 'line' },
        ]}
      />
      <DataTable
        caption="Chiffres de la plateforme par année"
        exportName={`evolution-${platform.code}`}
        rows={rows}
        columns={[
          { header: 'Au', value: (r) => r.asOf },
          { header: 'Instruments', value: (r) => r.instruments },
          { header: 'Valeur HT (€)', value: (r) => r.valueHT.amount },
          { header: 'Personnes', value: (r) => r.headcount },
          { header: 'ETP', value: (r) => r.fte },
        ]}
        render={{
          Au: (r) => formatDate(r.asOf),
          'Valeur HT (€)': (r) => formatEuros(r.valueHT.amount, true),
          ETP: (r) => formatNumber(r.fte),
        }}
      />
    </>
  );
}

import { useState } from 'react';
import { formatDate, formatEuros, formatNumber, TUTELLE_NAMES } from '../app/format';
import { useQuery } from '../app/graphql';
import { Problems } from '../app/problems';
import { useMutation } from '../app/useMutation';
import { graphql } from '../gql';
import type { ReviewQueueQuery } from '../gql/graphql';

const ReviewQueueDocument = graphql(`
  query ReviewQueue($after: String) {
    inventoryReviewQueue(first: 5, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        kind
        priority
        link {
          recordA
          recordB
          probability
          evidence {
            field
            level
            bayesFactorLog2
          }
        }
        equipment {
          id
          designation
          platformCode
          valueHT {
            amount
          }
          records {
            id
            tutelle
            inventoryNumber
            designation
            manufacturer
            model
            serialNumber
            commissioningDate
            usefulLifeYears
            unitCode
            costCentre
            valueHT {
              amount
            }
          }
        }
      }
    }
  }
`);

const Confirm = graphql(`
  mutation ConfirmEquipment($id: ID!) {
    confirmEquipment(id: $id) {
      id
      kind
    }
  }
`);
const Split = graphql(`
  mutation SplitEquipment($id: ID!, $recordIds: [ID!]!) {
    splitEquipment(id: $id, recordIds: $recordIds) {
      id
      kind
    }
  }
`);
const Merge = graphql(`
  mutation MergeEquipment($ids: [ID!]!) {
    mergeEquipment(ids: $ids) {
      id
      kind
    }
  }
`);

const FIELD_NAMES: Record<string, string> = {
  serialNumber: 'Numéro de série',
  instrument: 'Instrument (fabricant, modèle, désignation)',
  location: 'Lieu (plateforme, unité)',
  commissioningDate: 'Mise en service',
  usefulLife: 'Durée de vie',
  valueShares: 'Valeurs HT (parts d’un même prix)',
};

type Item = NonNullable<ReviewQueueQuery['inventoryReviewQueue']>['nodes'][number];
type RecordRow = Item['equipment'][number]['records'][number];

function RecordCard({ record, highlighted }: { record: RecordRow; highlighted: boolean }) {
  return (
    <div className="record">
      <h4>
        {TUTELLE_NAMES[record.tutelle] ?? record.tutelle} · {record.inventoryNumber ?? record.id}
        {highlighted && <span className="flag warn"> lien examiné</span>}
      </h4>
      <dl className="facts">
        <dt>Désignation</dt>
        <dd>{record.designation}</dd>
        <dt>Fabricant, modèle</dt>
        <dd>{[record.manufacturer, record.model].filter(Boolean).join(' ') || '—'}</dd>
        <dt>N° de série</dt>
        <dd>{record.serialNumber ?? '—'}</dd>
        <dt>Mise en service</dt>
        <dd>{formatDate(record.commissioningDate)}</dd>
        <dt>Unité, centre</dt>
        <dd>{[record.unitCode, record.costCentre].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Valeur HT</dt>
        <dd>{formatEuros(record.valueHT.amount)}</dd>
      </dl>
    </div>
  );
}

function ReviewCard({ item, onDecided }: { item: Item; onDecided: (message: string) => void }) {
  const confirm = useMutation(Confirm);
  const split = useMutation(Split);
  const merge = useMutation(Merge);
  const running = confirm.running || split.running || merge.running;
  const { link } = item;
  const decide = async (action: () => Promise<{ errors: unknown[] }>, message: string) => {
    const answer = await action();
    if (answer.errors.length === 0) onDecided(message);
  };
  const possible = item.kind === 'POSSIBLE_MATCH' && item.equipment.length === 2;
  // An instrument holds one record per tutelle: two groups that share a tutelle cannot become one as they are.
  const [left, right] = item.equipment.map((e) => new Set(e.records.map((r) => r.tutelle)));
  const shared = possible ? [...(left ?? [])].filter((t) => right?.has(t)) : [];
  const title = item.equipment[0]?.designation ?? link.recordA;
  return (
    <li className="panel">
      <h3>
        {possible ? 'Même instrument ?' : 'Lien incertain'} — {title}
      </h3>
      <p className="note">
        Probabilité que ce soit le même instrument : {formatNumber((link.probability ?? 0) * 100)} % ·{' '}
        {item.equipment.map((e) => e.platformCode ?? 'sans plateforme').join(' / ')}
      </p>
      <div className="side-by-side">
        {item.equipment.flatMap((e) =>
          e.records.map((r) => (
            <RecordCard key={r.id} record={r} highlighted={r.id === link.recordA || r.id === link.recordB} />
          )),
        )}
      </div>
      <table className="evidence">
        <caption>Éléments de preuve, champ par champ</caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Comparaison</th>
            <th scope="col">Poids (log₂)</th>
          </tr>
        </thead>
        <tbody>
          {link.evidence.map((e) => (
            <tr key={e.field}>
              <th scope="row">{FIELD_NAMES[e.field] ?? e.field}</th>
              <td>{e.level}</td>
              <td
                className={`num ${e.bayesFactorLog2 > 0 ? 'evidence-pos' : e.bayesFactorLog2 < 0 ? 'evidence-neg' : ''}`}
              >
                {e.bayesFactorLog2 > 0 ? 'pour ' : e.bayesFactorLog2 < 0 ? 'contre ' : ''}
                {formatNumber(e.bayesFactorLog2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        {possible ? (
          <>
            <button
              type="button"
              disabled={running || shared.length > 0}
              aria-describedby={shared.length > 0 ? `${link.recordA}-fusion` : undefined}
              onClick={() =>
                decide(() => merge.run({ ids: item.equipment.map((e) => e.id) }), `Fusionné : ${title}`)
              }
            >
              Fusionner en un instrument
            </button>
            {shared.length > 0 && (
              <p className="note" id={`${link.recordA}-fusion`}>
                Fusion impossible en l’état : chaque regroupement a déjà une fiche {shared.join(', ')} (un
                instrument n’a qu’une fiche par tutelle). Séparez d’abord la fiche qui est un autre
                instrument.
              </p>
            )}
            <button
              type="button"
              className="secondary"
              disabled={running}
              onClick={() =>
                decide(async () => {
                  for (const e of item.equipment) {
                    const answer = await confirm.run({ id: e.id });
                    if (answer.errors.length) return answer;
                  }
                  return { errors: [] };
                }, `Gardés séparés : ${title}`)
              }
            >
              Ce sont deux instruments
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              disabled={running}
              onClick={() => decide(() => confirm.run({ id: item.equipment[0]!.id }), `Confirmé : ${title}`)}
            >
              Confirmer le regroupement
            </button>
            <button
              type="button"
              className="secondary"
              disabled={running}
              onClick={() =>
                decide(
                  () => split.run({ id: item.equipment[0]!.id, recordIds: [link.recordB] }),
                  `Séparé : ${link.recordB} devient un instrument à part`,
                )
              }
            >
              Séparer {link.recordB}
            </button>
          </>
        )}
      </div>
      <Problems
        errors={[...confirm.errors, ...split.errors, ...merge.errors]}
        includeForbidden
        title="Action refusée"
      />
    </li>
  );
}

/** The matches to look at, most money at stake first, each decided in one click. */
export function ReviewQueue({ onDecided }: { onDecided: (message: string) => void }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, errors, loading, reload } = useQuery(ReviewQueueDocument, { after });
  const queue = data?.inventoryReviewQueue;
  return (
    <section aria-labelledby="revue">
      <h2 id="revue">File de revue ({queue?.totalCount ?? '…'})</h2>
      <Problems errors={errors} includeForbidden />
      {loading && !queue && <p aria-live="polite">Chargement…</p>}
      <ul className="review-list">
        {queue?.nodes.map((item) => (
          <ReviewCard
            key={`${item.link.recordA}-${item.link.recordB}`}
            item={item}
            onDecided={(message) => {
              onDecided(message);
              reload();
            }}
          />
        ))}
      </ul>
      {queue?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => setAfter(queue.pageInfo.endCursor ?? null)}
        >
          Suivants
        </button>
      )}
    </section>
  );
}

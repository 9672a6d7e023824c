import { type ReactNode, useState } from 'react';
import { type Column, downloadCsv, downloadXlsx } from './export';
import { ScrollRegion } from './ScrollRegion';

/** A table with its caption and its exports (CSV, XLSX), as every chart and list of the site has. */
export function DataTable<Row>({
  caption,
  rows,
  columns,
  exportName,
  render,
  limit,
}: {
  caption: string;
  rows: Row[];
  columns: Column<Row>[];
  exportName: string;
  /** Cells as shown, where they differ from the exported values. */
  render?: Partial<Record<string, (row: Row) => ReactNode>>;
  /** Rows shown (all exported). */
  limit?: number;
}) {
  const [busy, setBusy] = useState(false);
  const shown = limit ? rows.slice(0, limit) : rows;
  return (
    <div className="data-table">
      <div className="exports">
        <button type="button" onClick={() => void downloadCsv(rows, columns, exportName)}>
          Exporter « {caption} » en CSV
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await downloadXlsx(rows, columns, exportName).finally(() => setBusy(false));
          }}
        >
          Exporter en XLSX
        </button>
      </div>
      <ScrollRegion label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.header}
                  scope="col"
                  className={typeof (rows[0] && c.value(rows[0])) === 'number' ? 'num' : undefined}
                >
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => {
                  const custom = render?.[c.header];
                  const value = c.value(row);
                  return (
                    <td key={c.header} className={typeof value === 'number' ? 'num' : undefined}>
                      {custom
                        ? custom(row)
                        : typeof value === 'number'
                          ? value.toLocaleString('fr-FR')
                          : value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {limit && rows.length > limit && (
        <p className="note">
          {limit} lignes affichées sur {rows.length} ; l’export les contient toutes.
        </p>
      )}
    </div>
  );
}

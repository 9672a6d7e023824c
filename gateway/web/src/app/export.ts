/*
 * Tables downloaded from the page: CSV as a French spreadsheet opens it (UTF-8 with BOM, `;`, decimal
 * commas), XLSX through write-excel-file, loaded only when someone asks for one.
 */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvCell = (value: string | number | null | undefined): string => {
  if (value == null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv<Row>(rows: Row[], columns: Column<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv<Row>(rows: Row[], columns: Column<Row>[], name: string): void {
  download(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

export async function downloadXlsx<Row>(rows: Row[], columns: Column<Row>[], name: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const body = rows.map((row) =>
    columns.map((c) => {
      const value = c.value(row);
      return typeof value === 'number' ? { type: Number, value } : { type: String, value: value ?? '' };
    }),
  );
  download(await writeXlsxFile([header, ...body]).toBlob(), `${name}.xlsx`);
}

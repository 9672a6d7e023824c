/*
 * Tables downloaded from the page: CSV as a French spreadsheet opens it, through csv-stringify, and XLSX
 * through write-excel-file, each loaded only when someone asks for one.
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

/**
 * UTF-8 with BOM, `;`, CRLF, decimal commas. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * a tab or a CR first: a designation typed in a source must not run in whoever opens the file) is written
 * after a `'`; numbers stay numbers. (csv-stringify's browser build carries its own Buffer: not light.)
 */
export async function toCsv<Row>(rows: Row[], columns: Column<Row>[]): Promise<string> {
  const { stringify } = await import('csv-stringify/browser/esm/sync');
  return stringify([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { number: (value) => String(value).replace('.', ',') },
  });
}

export async function downloadCsv<Row>(rows: Row[], columns: Column<Row>[], name: string): Promise<void> {
  download(new Blob([await toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
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

import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Transform } from 'node:stream';
import { isSourceError, SourceContractError, SourceUnavailableError } from '@hub/source-kit';
import { CsvError, type Info, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { headerNames, headerProblems } from './header';
import type { ReadReport } from './report';

/*
 * CSV exports as the CHRU drops them (docs/SOURCES.md): Windows-1252, `;`, quoted fields that may hold `;`
 * and line breaks, CRLF, header on line 1. Streamed: a national deployment's exports are large.
 */

export interface CsvRow {
  /** Physical line where the row starts (1 is the header), right even after multi-line quoted fields. */
  line: number;
  /** `personnels_recherche.csv:12`, for the read report. */
  location: string;
  /** Cells by header name, as written (not trimmed). */
  cells: Record<string, string>;
}

export interface CsvOptions {
  /** The exports' contract is Windows-1252; a UTF-8 byte-order mark overrides it whatever this says. */
  encoding?: 'windows-1252' | 'utf-8';
  delimiter?: string;
  /** Header names the connector needs: a file without one of them is not the export it expects. */
  expectedHeaders?: readonly string[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The rows of a CSV file, keyed by its header. A row with the wrong number of fields or undecodable bytes
 * is rejected in `report` with its line and not yielded; the read goes on. A file that cannot be read is
 * a SourceUnavailableError; one whose header is not the expected one, a SourceContractError.
 */
export async function* readCsv(
  file: string,
  report: ReadReport,
  options: CsvOptions = {},
): AsyncGenerator<CsvRow> {
  const name = basename(file);
  const unavailable = (cause: unknown) =>
    new SourceUnavailableError(`cannot read ${name}: ${(cause as Error).message}`, report.source, { cause });
  const handle = await open(file).catch((cause) => {
    throw unavailable(cause);
  });
  const head = Buffer.alloc(UTF8_BOM.length);
  const bytesRead = await handle
    .read(head, 0, head.length, 0)
    .then((r) => r.bytesRead)
    .catch(async (cause) => {
      await handle.close();
      throw unavailable(cause);
    });
  // Excel's "CSV UTF-8" export starts with a BOM: that file is UTF-8, whatever the contract says.
  const bom = bytesRead === UTF8_BOM.length && head.equals(UTF8_BOM);
  const encoding = bom ? 'utf-8' : (options.encoding ?? 'windows-1252');

  const skipped: CsvError[] = [];
  const parser = parse({
    delimiter: options.delimiter ?? ';',
    record_delimiter: '\n',
    info: true,
    relax_column_count: true, // checked below, to say which row and by how much
    skip_empty_lines: true,
    relax_quotes: true, // `écran 24"` typed by hand: a quote inside a field is kept as text
    skip_records_with_error: true, // a broken record is reported (below), the rest is still read
    on_skip: (error) => {
      if (error) skipped.push(error);
      return undefined;
    },
  });
  // pipeline() destroys every stream on an error or an early `break`, closing the file handle with them.
  pipeline(
    handle.createReadStream({ start: bom ? UTF8_BOM.length : 0 }),
    iconv.decodeStream(encoding),
    lineEndsToLf(),
    parser,
    () => {}, // errors reach the loop below through the parser
  );

  let header: string[] | null = null;
  // Where the last record ended, to place one the parser gave up on (it only knows where it stopped).
  let last = { end: 0, emptyLines: 0 };
  const rejectSkipped = () => {
    for (const error of skipped.splice(0)) {
      const [end, emptyLines] = [Number(error.lines), Number(error.empty_lines)];
      const start = last.end + 1 + emptyLines - last.emptyLines;
      report.see();
      report.reject(`${name}:${start}`, unparsable(error, start, end));
      last = { end, emptyLines };
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      rejectSkipped();
      last = { end: info.lines, emptyLines: info.empty_lines };
      // csv-parse counts the lines up to the end of the record; a record starts as many lines earlier as
      // it has line breaks inside its quoted fields.
      const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (header === null) {
        header = checkHeader(record, name, report.source, options.expectedHeaders);
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue; // `;;;;`: a blank line, carries nothing
      report.see();
      const location = `${name}:${line}`;
      if (record.length !== header.length) {
        report.reject(location, `expected ${header.length} fields, got ${record.length}`);
      } else if (record.some(badlyEncoded)) {
        report.reject(location, `bad encoding: bytes that are not ${encoding} text`);
      } else if (encoding === 'windows-1252' && record.some(utf8Read1252)) {
        report.reject(location, `mixed encodings: this row is UTF-8 in a ${encoding} file`);
      } else {
        yield { line, location, cells: Object.fromEntries(header.map((h, i) => [h, record[i]!])) };
      }
    }
  } catch (cause) {
    if (isSourceError(cause)) throw cause;
    if (cause instanceof CsvError) {
      throw new SourceContractError(`${name}: ${cause.message}`, report.source, { cause });
    }
    throw unavailable(cause);
  }
  rejectSkipped();
  if (header === null) throw new SourceContractError(`${name} is empty: no header line`, report.source);
}

function checkHeader(
  record: string[],
  name: string,
  source: string,
  expected: readonly string[] | undefined,
): string[] {
  const header = headerNames(record);
  const problems = headerProblems(header, expected);
  if (header.some(badlyEncoded)) problems.push('bad encoding in the header');
  if (problems.length > 0) throw new SourceContractError(`${name}: ${problems.join('; ')}`, source);
  return header;
}

/** Why the parser gave up on the record from `start`: with quotes relaxed, in practice a quote never closed. */
function unparsable(error: CsvError, start: number, end: number): string {
  return error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? `a quote opened in this row is never closed: lines ${start} to ${end} could not be read`
    : `unreadable CSV: ${error.message}`;
}

// U+FFFD is what the decoder makes of bytes that are not valid UTF-8, and of the five bytes Windows-1252
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): either way the text is not what was written.
function badlyEncoded(cell: string): boolean {
  return cell.includes('\uFFFD');
}

/**
 * Text pasted from a UTF-8 tool into a Windows-1252 export: its bytes, read as Windows-1252, give `Ã©` for
 * `é`. Such a cell's Windows-1252 bytes are valid UTF-8 with multi-byte characters, which real French text
 * in Windows-1252 never is (a lone `é` is the byte 0xE9, which UTF-8 refuses without its continuation).
 */
function utf8Read1252(cell: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the non-ASCII test
  if (!/[^\x00-\x7f]/.test(cell)) return false;
  return isUtf8(iconv.encode(cell, 'windows-1252'));
}

/**
 * CRLF and lone CR → LF before parsing: csv-parse counts a CRLF inside a quoted field as two lines, which
 * would shift every line number after it. A CR split from its LF by a chunk boundary is held back.
 */
function lineEndsToLf(): Transform {
  let heldCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, done) {
      let text = heldCr ? `\r${chunk}` : chunk;
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, heldCr ? '\n' : '');
    },
  });
}

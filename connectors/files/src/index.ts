// @hub/connector-files: the file sources every file-based connector reads. Add exports with intention: it is
// public API.
export { type CsvOptions, type CsvRow, readCsv } from './csv';
export {
  excelSerialToIsoDate,
  formatFrenchDate,
  formatFrenchNumber,
  parseFrenchDate,
  parseFrenchNumber,
  ValueError,
} from './french';
export { convertField, mapRows, RowError, requiredField } from './map';
export { ReadReport, type RowProblem } from './report';
export { type CsvWriteOptions, writeCsv, writeXlsx, type XlsxSheet } from './write';
export {
  type CellValue,
  cellToIsoDate,
  cellToNumber,
  newestWorkbook,
  readSheet,
  type SheetRow,
  type Workbooks,
} from './xlsx';

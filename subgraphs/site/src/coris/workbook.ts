import {
  type CellValue,
  formatFrenchDate,
  formatFrenchNumber,
  writeCsv,
  writeXlsx,
} from '@hub/connector-files';
import { Role } from '@hub/schema';
import type { IndicatorContext } from '../context';
import type { Sheet } from '../tariffs';

export type CorisSheet = Sheet;

import { equipmentIndicator, renewalForecast } from './equipment';
import { equipmentHeading, frenchKey, LABEL_DUE, labelHeading, renewalHeading, staffHeading } from './french';
import {
  EquipmentGrouping,
  type EquipmentIndicator,
  type IndicatorHeading,
  type LabelIndicator,
  type RenewalForecast,
  StaffGrouping,
  type StaffIndicator,
} from './graphql/types';
import { labelIndicator } from './labels';
import { staffIndicator } from './staff';
import type { SourceReads } from './staff-source';

/*
 * The steering committee's yearly workbook: one sheet per indicator, each opening with its dated title and
 * its definitions, then its table. The same figures the graph gives, in French (french.ts). CSV: UTF-8
 * with BOM, French decimals.
 */

/** A table under its heading: the title, the definitions, an empty line, then the table's header and rows. */
function headedSheet(heading: IndicatorHeading, headers: string[], rows: CellValue[][]): Sheet {
  return {
    headers: [heading.title],
    rows: [...heading.definitions.map((d) => [d]), [], headers, ...rows],
  };
}

function staffSheet(s: StaffIndicator): Sheet {
  const row = (r: StaffIndicator['total']): CellValue[] => [
    frenchKey(r.key),
    r.suppressed ? 'secret' : r.headcount,
    r.fte,
    r.payroll?.amount ?? null,
  ];
  return headedSheet(
    staffHeading(s.year, s.groupBy),
    ['Clé', 'Effectif', 'ETP', 'Masse salariale chargée (€)'],
    [...s.rows.map(row), row(s.total)],
  );
}

function equipmentSheet(e: EquipmentIndicator): Sheet {
  const row = (r: EquipmentIndicator['total']): CellValue[] => [
    frenchKey(r.key),
    r.count,
    r.valueHT.amount,
    r.netBookValueHT.amount,
  ];
  return headedSheet(
    equipmentHeading(e.asOf, e.groupBy),
    ['Clé', 'Équipements', 'Valeur HT (€)', 'Valeur nette comptable HT (€)'],
    [...e.rows.map(row), row(e.total)],
  );
}

function renewalSheet(r: RenewalForecast, today: string): Sheet {
  return headedSheet(
    renewalHeading(r.fromYear, today),
    ['Année', 'Équipements', 'Valeur à renouveler HT (€)'],
    [
      ['déjà échus', r.overdue.count, r.overdue.valueHT.amount],
      ...r.years.map((y): CellValue[] => [y.year, y.count, y.valueHT.amount]),
      ['sans date ni durée', r.undated, null],
    ],
  );
}

/** A date cell (dd/mm/yyyy in the sheet), not ISO text. */
const day = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function labelSheet(l: LabelIndicator): Sheet {
  return headedSheet(
    labelHeading(l.asOf, l.withinMonths),
    [
      'Plateforme',
      'Nom',
      'Échéance',
      'Label accordé',
      'Dernière évaluation',
      'Évaluation due',
      'Fin du label',
    ],
    l.rows.map((r) => [
      r.platformCode,
      r.name,
      LABEL_DUE[r.due],
      ...[r.granted, r.lastReview, r.reviewDue, r.expires].map(day),
    ]),
  );
}

export interface WorkbookProgress {
  sheet: string;
  ms: number;
}

/**
 * Every indicator of a year, computed once each: HR (by tutelle, category, platform), equipment on the year's
 * last day (by tutelle, platform, kind, age band), renewal from the next year, labels due within 6 months of
 * the year's end. `tariffSummary` adds the tariff divergence summary, computed by the caller.
 */
export async function corisWorkbookSheets(
  ctx: IndicatorContext,
  year: number,
  today: string,
  onProgress: (p: WorkbookProgress) => void,
  reads: SourceReads = {},
): Promise<Record<string, Sheet>> {
  const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
  const sheets: Record<string, Sheet> = {};
  const step = async (name: string, build: () => Promise<Sheet>) => {
    const started = performance.now();
    sheets[name] = await build();
    onProgress({ sheet: name, ms: Math.round(performance.now() - started) });
  };
  const steering = { ...ctx, caller: { ...ctx.caller, roles: [Role.STEERING] } };
  for (const [name, groupBy] of [
    ['RH par tutelle', StaffGrouping.TUTELLE],
    ['RH par catégorie', StaffGrouping.CATEGORY],
    ['RH par plateforme', StaffGrouping.PLATFORM],
  ] as const)
    await step(name, async () => staffSheet(await staffIndicator(steering, year, groupBy, reads)));
  for (const [name, groupBy] of [
    ['Équipements par tutelle', EquipmentGrouping.TUTELLE],
    ['Équipements par plateforme', EquipmentGrouping.PLATFORM],
    ['Équipements par type', EquipmentGrouping.KIND],
    ['Équipements par âge', EquipmentGrouping.AGE_BAND],
  ] as const)
    await step(name, async () => equipmentSheet(await equipmentIndicator(ctx, asOf, groupBy)));
  await step('Renouvellement', async () => renewalSheet(await renewalForecast(ctx, year + 1), today));
  await step('Labels', async () => labelSheet(await labelIndicator(ctx, asOf, 6)));
  return sheets;
}

const csvCell = (value: CellValue): string | null =>
  value == null
    ? null
    : value instanceof Date
      ? formatFrenchDate(value.toISOString().slice(0, 10))
      : typeof value === 'number'
        ? formatFrenchNumber(value, Number.isInteger(value) ? 0 : 2)
        : String(value);

/** One workbook (XLSX), or one CSV file per sheet (`<out>-<n>.csv`). Returns the files written. */
export async function writeCorisWorkbook(
  out: string,
  format: 'xlsx' | 'csv',
  sheets: Record<string, Sheet>,
): Promise<string[]> {
  if (format === 'xlsx') {
    await writeXlsx(out, sheets);
    return [out];
  }
  const files: string[] = [];
  let n = 0;
  for (const sheet of Object.values(sheets)) {
    const file = out.replace(/(\.csv)?$/i, `-${++n}.csv`);
    await writeCsv(
      file,
      sheet.headers,
      sheet.rows.map((row) => row.map(csvCell)),
      { encoding: 'utf-8-bom' },
    );
    files.push(file);
  }
  return files;
}

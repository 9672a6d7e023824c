import { type CellValue, formatFrenchNumber, writeCsv, writeXlsx } from '@hub/connector-files';
import { divergenceLineView, gridView, summaryView } from './graphql/views';
import type { DivergenceLine } from './model/divergence';
import { summarise } from './model/divergence';
import type { PlatformTariffs } from './model/tariffs';
import type { TariffPolicy } from './policy/schema';

/*
 * The steering committee's exports: the grids, the gaps between published prices and the single tariff,
 * and their summary per platform and site-wide. The same figures the graph gives (through its views), as
 * sheets: numbers as numbers in XLSX, French decimals in CSV (UTF-8 with BOM, as Excel opens it).
 */

export type TariffReport = 'grids' | 'divergence' | 'summary';
export const TARIFF_REPORTS: readonly TariffReport[] = ['grids', 'divergence', 'summary'];

export interface Sheet {
  headers: string[];
  rows: CellValue[][];
  /** Decimals of each number column in CSV (2 where not said): 0 for years and counts. */
  decimals?: Record<number, number>;
}

const SHEET_NAMES: Record<TariffReport, string> = {
  grids: 'Grilles',
  divergence: 'Écarts',
  summary: 'Synthèse',
};

const CATEGORY: Record<string, string> = { internal: 'interne', external: 'externe', private: 'privé' };
/** French sheets in French: the registry's units and the policy's components are English codes. */
const UNIT: Record<string, string> = { hour: 'heure', sample: 'échantillon', day: 'jour', run: 'passage' };
const COMPONENT: Record<string, string> = {
  consumables: 'consommables',
  maintenance: 'maintenance',
  fluids: 'fluides',
  smallEquipment: 'petit équipement',
  staff: 'personnel',
  depreciation: 'amortissement',
};

export function tariffSheets(
  grids: readonly PlatformTariffs[],
  divergence: readonly DivergenceLine[],
  policy: TariffPolicy,
): Record<TariffReport, Sheet> {
  const gridRows = grids.flatMap((tariffs) =>
    gridView(tariffs, policy).services.flatMap((s) =>
      s.prices.map((p): CellValue[] => [
        tariffs.platform,
        s.code,
        s.name,
        UNIT[s.unit] ?? s.unit,
        CATEGORY[p.category] ?? p.category,
        p.priceHT.amount,
        p.vat?.amount ?? null,
        p.priceTTC?.amount ?? null,
        p.rules.components.map((c) => COMPONENT[c] ?? c).join(', '),
        tariffs.year,
        tariffs.policyVersion,
      ]),
    ),
  );
  const platforms = [...new Set(divergence.map((l) => l.platform))];
  const summaryRow = (label: string, lines: readonly DivergenceLine[]): CellValue[] => {
    const s = summaryView(summarise(lines));
    return [
      label,
      s.comparisons,
      s.meanGapPercent,
      s.meanAbsoluteGapPercent,
      s.beyondTenPercent,
      s.yearlyGap.amount,
    ];
  };
  return {
    grids: {
      headers: [
        'Plateforme',
        'Service',
        'Libellé',
        'Unité',
        'Catégorie',
        'Prix HT (€)',
        'TVA (€)',
        'Prix TTC (€)',
        'Coûts couverts',
        'Année',
        'Politique',
      ],
      rows: gridRows,
      decimals: { 9: 0 },
    },
    divergence: {
      headers: [
        'Plateforme',
        'Service',
        'Libellé',
        'Tutelle',
        'Catégorie',
        'Prix publié HT (€)',
        'Tarif unique HT (€)',
        'Écart (€)',
        'Écart (%)',
        'Volume annuel',
        'Écart annuel (€)',
      ],
      rows: divergence.map((line) => {
        const l = divergenceLineView(line);
        return [
          l.platformCode,
          l.serviceCode,
          l.serviceName,
          l.tutelle,
          CATEGORY[l.category] ?? l.category,
          l.published.amount,
          l.singleTariff.amount,
          l.gap.amount,
          l.gapPercent,
          l.yearlyVolume,
          l.yearlyGap.amount,
        ];
      }),
    },
    summary: {
      headers: [
        'Plateforme',
        'Prix comparés',
        'Écart moyen (%)',
        'Écart absolu moyen (%)',
        'Au-delà de 10 %',
        'Écart annuel (€)',
      ],
      rows: [
        ...platforms.map((p) =>
          summaryRow(
            p,
            divergence.filter((l) => l.platform === p),
          ),
        ),
        summaryRow('SITE', divergence),
      ],
      decimals: { 1: 0, 4: 0 },
    },
  };
}

/** Excel number formats of a sheet's columns: euros to the cent, counts and years whole, others 0.00. */
function formats({ headers, decimals = {} }: Sheet): Record<number, string> {
  return Object.fromEntries(
    headers.map((header, i) => [
      i,
      decimals[i] === 0 ? '0' : header.includes('(€)') ? '#,##0.00 "€"' : '#,##0.00',
    ]),
  );
}

const csvCell = (value: CellValue, decimals = 2): string | null =>
  value == null ? null : typeof value === 'number' ? formatFrenchNumber(value, decimals) : String(value);

/**
 * Write the reports: one workbook with a sheet each, or one CSV file each (`out` itself for one report,
 * `<out>-<report>.csv` for several). Returns the files written.
 */
export async function writeTariffExport(
  out: string,
  format: 'csv' | 'xlsx',
  sheets: Record<TariffReport, Sheet>,
  reports: readonly TariffReport[] = TARIFF_REPORTS,
): Promise<string[]> {
  if (format === 'xlsx') {
    await writeXlsx(
      out,
      Object.fromEntries(
        reports.map((r) => [SHEET_NAMES[r], { ...sheets[r], numberFormats: formats(sheets[r]) }]),
      ),
    );
    return [out];
  }
  const files: string[] = [];
  for (const report of reports) {
    const file = reports.length === 1 ? out : out.replace(/(\.csv)?$/i, `-${report}.csv`);
    const { headers, rows, decimals = {} } = sheets[report];
    const text = rows.map((row) => row.map((value, i) => csvCell(value, decimals[i])));
    await writeCsv(file, headers, text, { encoding: 'utf-8-bom' });
    files.push(file);
  }
  return files;
}

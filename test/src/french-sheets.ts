import type { Workbook } from 'exceljs';

/*
 * What shows an English word or a code left in a French sheet: an enum's code (`IN_SERVICE`, `AGE_BAND`),
 * a programmer's value (`true`, `null`, `NaN`), or one of the English words the graph's keys and labels
 * use. Proper names, codes and units pass (`SITE`, `UL`, `ETP`, `HT`, a platform coded `MICROSCOPY`),
 * unless they are one of the graph's enum values.
 */
const ENUM_VALUE =
  /^(OTHER|ENGINEER|TECHNICIAN|RESEARCHER|CONTRACT|ACADEMIC|INDUSTRIAL|EXTERNAL|INTERNAL|TUTELLE|PLATFORM|KIND|CATEGORY)$/;
const NAME = /^[A-Z0-9-]+$/;
const CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;
const ENGLISH =
  /(?<!\p{L})(true|false|null|undefined|NaN|Infinity|yes|no|other|unknown|none|hours?|days?|units?|years?|staff|platform|equipment|category|academic|industrial|external|internal|in service|disposed|out of order|expired|granted|pending|renewal|review|label due|microscopy|spectrometry|spectroscopy|chromatography|sequencing|cytometry|imaging|computing|sample|engineers?|technicians?|researchers?|contract)(?!\p{L})/iu;

/** `sheet!cell: value` of every text cell of `workbook` that reads as English or as a code. */
export function englishCells(workbook: Workbook): string[] {
  const found: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (typeof value !== 'string') return;
        if (NAME.test(value) ? ENUM_VALUE.test(value) : CODE.test(value) || ENGLISH.test(value))
          found.push(`${sheet.name}!${cell.address}: ${value}`);
      }),
    ),
  );
  return found;
}

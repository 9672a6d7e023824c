import { monthsAfter } from '../calendar';
import type { IndicatorContext } from '../context';
import type { Platform } from '../graphql/types';
import { LabelDueKind, type LabelDueRow, type LabelIndicator } from './graphql/types';

export const LABEL_DEFINITIONS = [
  'Review due: 24 months after the last review held, or after the grant where none was held yet.',
  'Label expires: 6 years after the grant.',
  'Overdue / expired: the date is before the day of the indicator; due / expiring: within the months asked.',
  'Only labelled platforms are listed; each once, under the most pressing thing due.',
];

/** What is due for one platform on `asOf`, looking `withinMonths` ahead; null: nothing. */
export function labelDue(platform: Platform, asOf: string, withinMonths: number): LabelDueKind | null {
  const { status, expires, reviewDue } = platform.label;
  if (status !== 'labelled') return null;
  const horizon = monthsAfter(asOf, withinMonths);
  if (expires && expires <= asOf) return LabelDueKind.LABEL_EXPIRED;
  if (reviewDue && reviewDue < asOf) return LabelDueKind.REVIEW_OVERDUE;
  if (expires && expires <= horizon) return LabelDueKind.LABEL_EXPIRING;
  if (reviewDue && reviewDue <= horizon) return LabelDueKind.REVIEW_DUE;
  return null;
}

export function labelIndicator(
  ctx: IndicatorContext,
  asOf: string,
  withinMonths: number,
): Promise<LabelIndicator> {
  return ctx.registry.derived(`labels ${asOf} ${withinMonths}`, (platforms) =>
    labelIndicatorOf(platforms, asOf, withinMonths),
  );
}

/** The indicator of these platforms (pure). */
export function labelIndicatorOf(
  platforms: readonly Platform[],
  asOf: string,
  withinMonths: number,
): LabelIndicator {
  const rows: LabelDueRow[] = [];
  for (const p of platforms) {
    const due = labelDue(p, asOf, withinMonths);
    if (due)
      rows.push({
        platformCode: p.code,
        name: p.name,
        status: p.label.status,
        granted: p.label.granted,
        lastReview: p.label.lastReview,
        reviewDue: p.label.reviewDue,
        expires: p.label.expires,
        due,
      });
  }
  return {
    asOf,
    withinMonths,
    heading: {
      title: `Labels due within ${withinMonths} months or overdue, on ${asOf}`,
      definitions: LABEL_DEFINITIONS,
    },
    rows: rows.sort((a, b) => a.platformCode.localeCompare(b.platformCode)),
  };
}

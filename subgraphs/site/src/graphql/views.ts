import { euros, hubIdOf, searchWords, type Tutelle, VatBasis } from '@hub/schema';
import { normaliseUnitCode, unitNumber } from '@hub/source-kit';
import { yearsAfter } from '../calendar';
import type { Platform as PlatformEntity } from '../registry';
import {
  type LabelStatus,
  type Platform,
  type PlatformFilter,
  type PlatformLabel,
  type ServiceUnit,
  UserCategory,
} from './types';

/**
 * From the registry's rows to the graph's platforms. References to a tutelle's records (cost centres,
 * staff) are made only for the tutelles the site runs (`HUB_TUTELLES`): another's are absent. Their `platforms` (every platform a
 * person works on, a cost centre serves) are filled in once the whole registry is read (RegistryCache).
 */
export function toPlatformView(p: PlatformEntity, tutelles: readonly Tutelle[]): Platform {
  const federated = (tutelle: string) => tutelles.includes(tutelle as Tutelle);
  const staff = p.staff.getItems();
  return {
    code: p.code,
    name: p.name,
    units: p.units,
    tutelles: p.tutelles as Tutelle[],
    themes: p.themes,
    description: p.description,
    version: p.version,
    platforms: [p.code],
    label: labelView(p),
    contact: p.contactName && p.contactEmail ? { name: p.contactName, email: p.contactEmail } : null,
    costCentres: p.costCentres
      .getItems()
      .filter((c) => federated(c.tutelle))
      .map((c) => ({ code: c.code, tutelle: c.tutelle as Tutelle, platforms: [] })),
    staffCount: staff.length,
    staffFte: Math.round(staff.reduce((sum, s) => sum + s.share, 0) * 100) / 100,
    staff: staff.map((s) => ({
      tutelle: s.tutelle as Tutelle,
      share: s.share,
      member: federated(s.tutelle)
        ? { id: hubIdOf(s.tutelle as Tutelle, s.personId), tutelle: s.tutelle as Tutelle, platforms: [] }
        : null,
    })),
    services: p.services.getItems().map((s) => ({
      code: s.code,
      name: s.name,
      unit: s.unit as ServiceUnit,
      platformCode: p.code,
      yearlyVolume: s.yearlyVolume,
      staffHoursPerUnit: s.staffHoursPerUnit,
      equipmentHoursPerUnit: s.equipmentHoursPerUnit,
      currentPrices: Object.entries(s.currentPrices).flatMap(([tutelle, prices]) =>
        Object.values(UserCategory).flatMap((category) => {
          const amount = prices[category];
          return amount == null
            ? []
            : [{ tutelle: tutelle as Tutelle, category, price: euros(amount, VatBasis.HT) }];
        }),
      ),
    })),
  };
}

/** A site label is granted for 6 years (docs/SOURCES.md, the site registry)... */
const LABEL_YEARS = 6;
/** ...and reviewed every 24 months: the next review is due 2 years after the last one (or the grant). */
const REVIEW_YEARS = 2;

/** The label with its due dates, computed from the dates held: a review held moves the next one on. */
export function labelView(
  p: Pick<PlatformEntity, 'labelStatus' | 'labelGranted' | 'labelLastReview' | 'labelNextReview'>,
): PlatformLabel {
  const reviewedOrGranted = p.labelLastReview ?? p.labelGranted;
  const labelled = p.labelStatus === 'labelled';
  const reviewDue = labelled && reviewedOrGranted ? yearsAfter(reviewedOrGranted, REVIEW_YEARS) : null;
  // The planned date the registry records, until a review is held in the year before it (or after it):
  // that review was the one planned, and the next is the one now due.
  const planned = p.labelNextReview;
  const stale = planned != null && p.labelLastReview != null && planned < yearsAfter(p.labelLastReview, 1);
  return {
    status: p.labelStatus as LabelStatus,
    granted: p.labelGranted,
    lastReview: p.labelLastReview,
    nextReview: (stale ? null : planned) ?? reviewDue,
    reviewDue,
    expires: p.labelGranted ? yearsAfter(p.labelGranted, LABEL_YEARS) : null,
  };
}

/** What a search looks in, lower-cased once per platform of a registry snapshot (ICU's French rules are slow). */
const haystacks = new WeakMap<Platform, string>();
function haystackOf(p: Platform): string {
  let haystack = haystacks.get(p);
  if (haystack === undefined) {
    haystack = [p.code, p.name, ...p.themes].join(' ').toLocaleLowerCase('fr');
    haystacks.set(p, haystack);
  }
  return haystack;
}

const splitSearch = (text: string) => text.toLocaleLowerCase('fr').split(/\s+/).filter(Boolean);

/** The test of `filter`, its search split once (and refused beyond the bounds) for every platform. */
export function matchesFilter(filter: PlatformFilter): (p: Platform) => boolean {
  const words = filter.search ? searchWords(filter.search, 'filter.search', splitSearch) : [];
  const code = filter.unit ? normaliseUnitCode(filter.unit) : null;
  const number = filter.unit ? unitNumber(filter.unit) : null;
  return (p) => {
    if (filter.tutelle && !p.tutelles.includes(filter.tutelle)) return false;
    if (filter.label && p.label.status !== filter.label) return false;
    if (filter.theme && !p.themes.includes(filter.theme)) return false;
    // 'UMR 7198', 'UMR7198' and '7198' all name unit UMR7198.
    if (code != null && !p.units.some((u) => u === code || (code === number && unitNumber(u) === number)))
      return false;
    const haystack = words.length > 0 ? haystackOf(p) : '';
    return words.every((w) => haystack.includes(w));
  };
}

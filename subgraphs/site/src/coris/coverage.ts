import { Tutelle } from '@hub/schema';
import { PastCoverage, type SourceCoverage } from './graphql/types';

/*
 * How far back each tutelle's sources tell the past (SOURCES.md). HR: every source dates its assignments
 * (start, end), so staff on a past date is rebuilt from them. Assets: every source dates commissioning, but
 * the feeds carry the assets in service only, and only UL's source dates a disposal (`date_sortie`), which
 * its feed does not pass on: an asset disposed of before the hub's first sync is missing from the past.
 */
const EQUIPMENT_NOTE =
  'Commissioning from the source; disposals only as the hub saw them at its syncs: an asset disposed of ' +
  'before the first sync is missing from earlier dates, and a disposal is dated by the sync that noticed it.';

export const EQUIPMENT_COVERAGE: SourceCoverage[] = Object.values(Tutelle).map((tutelle) => ({
  tutelle,
  equipment: PastCoverage.SINCE_HUB_SYNCS,
  staff: PastCoverage.FROM_SOURCE,
  note: EQUIPMENT_NOTE,
}));

export const COVERAGE = EQUIPMENT_COVERAGE;

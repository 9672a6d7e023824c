import {
  type Connection,
  EquipmentStatus,
  ErrorCode,
  euros,
  FEDERATED_TUTELLES,
  oncePerTutelle,
  PageArgs,
  paginate,
  Role,
  searchWords,
  TUTELLES,
  Tutelle,
  VatBasis,
} from '@hub/schema';
import type { RequestContext } from '@hub/service-kit';
import { normaliseManufacturer, normaliseUnitCode } from '@hub/source-kit';
import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SiteContext } from '../../context';
import type { Platform } from '../../graphql/types';
import { perSnapshot } from '../../snapshot-memo';
import type { InventoryDecision } from '../entities';
import { words } from '../matching/features';
import type { EquipmentView, InventorySnapshot } from '../site-inventory';
import {
  defineRecordReferences,
  Equipment,
  EquipmentConnection,
  EquipmentFilter,
  InventoryDecisionConnection,
  InventoryDecisionType,
  InventoryGrouping,
  InventoryTotal,
  ReviewItem,
  ReviewItemConnection,
  ReviewKind,
} from './types';

/** Links weaker than this (≈ 1 in 10,000 wrong) go to the review queue. */
export const REVIEW_BELOW = 0.9999;
const DECIDERS = [Role.CENTRAL, Role.ADMIN];
const REVIEWERS = [Role.CENTRAL, Role.STEERING, Role.ADMIN];
const DAY_MS = 86_400_000;

const tutelleOfRecord = (id: string) => id.slice(0, id.indexOf(':')) as Tutelle;

function ageYears(date: string | null, now: number): number | null {
  if (!date) return null;
  return Math.round(((now - Date.parse(date)) / DAY_MS / 365.25) * 10) / 10;
}

/** An indexed instrument as the graph answers it. */
export function toEquipment(view: EquipmentView, now = Date.now()): Equipment {
  return {
    ...view,
    tutelles: view.tutelles as Tutelle[],
    platform: null,
    valueHT: euros(view.valueHTCents / 100, VatBasis.HT),
    shares: Object.entries(view.shares).map(([tutelle, cents]) => ({
      tutelle: tutelle as Tutelle,
      valueHT: euros(cents / 100, VatBasis.HT),
    })),
    ageYears: ageYears(view.commissioningDate, now),
    status: view.status as EquipmentStatus,
    records: view.recordIds.map((id) => ({ id, tutelle: tutelleOfRecord(id) })),
    links: view.links,
  };
}

/** Whether the site still holds it: headline figures leave disposed instruments out unless asked. */
const held = (view: EquipmentView) => view.status !== EquipmentStatus.DISPOSED;

/** What a search looks in, split once per instrument of a snapshot, not once per request. */
const haystacks = new WeakMap<EquipmentView, Set<string>>();
function haystackOf(view: EquipmentView): Set<string> {
  let haystack = haystacks.get(view);
  if (!haystack) {
    const text = [view.designation, view.manufacturer, view.model, view.serialNumber, view.platformCode];
    haystack = new Set(words(text.join(' ')));
    haystacks.set(view, haystack);
  }
  return haystack;
}

function matches(
  view: EquipmentView,
  filter: EquipmentFilter | null,
  search: readonly string[],
  now: number,
): boolean {
  if (!filter) return held(view);
  if (!filter.status && !filter.includeDisposed && !held(view)) return false;
  if (filter.tutelle && !view.tutelles.includes(filter.tutelle)) return false;
  if (filter.platform && view.platformCode !== filter.platform) return false;
  if (filter.unit && view.unitCode !== normaliseUnitCode(filter.unit)) return false;
  if (filter.manufacturer && view.manufacturer !== normaliseManufacturer(filter.manufacturer)) return false;
  if (filter.status && view.status !== filter.status) return false;
  if (filter.minAgeYears != null || filter.maxAgeYears != null) {
    const age = ageYears(view.commissioningDate, now);
    if (filter.minAgeYears != null && (age == null || age < filter.minAgeYears)) return false;
    if (filter.maxAgeYears != null && (age == null || age > filter.maxAgeYears)) return false;
  }
  if (filter.minValueHT != null && view.valueHTCents < filter.minValueHT * 100) return false;
  if (filter.maxValueHT != null && view.valueHTCents > filter.maxValueHT * 100) return false;
  if (search.length > 0) {
    const haystack = haystackOf(view);
    if (!search.every((w) => haystack.has(w))) return false;
  }
  return true;
}

/** The review queue of a snapshot, most at stake first: what `reviewQueue` pages and the CLI counts. */
export function reviewQueue(snapshot: InventorySnapshot): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const view of snapshot.equipment) {
    if (view.confirmed) continue;
    for (const link of view.links) {
      if (link.decided || link.probability == null || link.probability >= REVIEW_BELOW) continue;
      items.push({
        kind: ReviewKind.UNCERTAIN_LINK,
        priority: ((1 - link.probability) * view.valueHTCents) / 100,
        link,
        equipment: [toEquipment(view)],
      });
    }
  }
  for (const link of snapshot.possibleMatches) {
    const a = snapshot.byRecord.get(link.recordA);
    const b = snapshot.byRecord.get(link.recordB);
    if (!a || !b || link.probability == null) continue;
    items.push({
      kind: ReviewKind.POSSIBLE_MATCH,
      priority: (link.probability * Math.min(a.valueHTCents, b.valueHTCents)) / 100,
      link,
      equipment: [toEquipment(a), toEquipment(b)],
    });
  }
  return items.sort((x, y) => y.priority - x.priority);
}

function toDecision(decision: InventoryDecision, snapshot: InventorySnapshot): InventoryDecisionType {
  const now = new Set(decision.recordIds.map((id) => snapshot.byRecord.get(id)).filter((e) => e != null));
  return {
    id: String(decision.id),
    kind: decision.kind,
    decidedBy: decision.decidedBy,
    decidedAt: decision.decidedAt,
    recordIds: decision.recordIds,
    equipmentIds: decision.equipmentIds,
    previous: JSON.stringify(decision.previous),
    equipment: [...now].map((e) => toEquipment(e)),
  };
}

@Resolver(() => Equipment)
export class EquipmentResolver {
  @Query(() => EquipmentConnection, {
    description:
      'The site-wide inventory: one entry per physical instrument, whichever tutelles recorded it.',
  })
  async siteInventory(
    @Arg('filter', () => EquipmentFilter, { nullable: true }) filter: EquipmentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { inventory, signal }: SiteContext & RequestContext,
  ): Promise<Connection<Equipment>> {
    const now = Date.now();
    const snapshot = await inventory.snapshot();
    // The snapshot's first load can take long: nobody is left to filter for when the caller hung up.
    signal.throwIfAborted();
    // Filter and cut the page first: only the page's instruments are turned into answers.
    const found = paginate(filtered(snapshot, filter, now), page);
    return {
      ...found,
      nodes: found.nodes.map((e) => toEquipment(e, now)),
      edges: found.edges.map((edge) => ({ cursor: edge.cursor, node: toEquipment(edge.node, now) })),
    };
  }

  @Query(() => Equipment, { nullable: true, description: 'One instrument by id.' })
  async siteEquipment(@Arg('id', () => ID) id: string, @Ctx() { inventory }: SiteContext) {
    const view = (await inventory.snapshot()).byId.get(id);
    return view ? toEquipment(view) : null;
  }

  @Query(() => [InventoryTotal], {
    description:
      'Instruments and their value HT, by tutelle (its shares) or by platform; the whole site with no grouping.',
  })
  async siteInventoryTotals(
    @Arg('groupBy', () => InventoryGrouping, { nullable: true }) groupBy: InventoryGrouping | null,
    @Arg('filter', () => EquipmentFilter, { nullable: true }) filter: EquipmentFilter | null,
    @Ctx() { inventory, signal }: SiteContext & RequestContext,
  ): Promise<InventoryTotal[]> {
    const snapshot = await inventory.snapshot();
    signal.throwIfAborted();
    // Version 0: never reconciled. A 0 then is no count of the site's instruments, and the answer says so.
    const note = snapshot.version === 0 ? NOT_SYNCED : null;
    // Unfiltered totals are the same for every request until the inventory changes (a new snapshot).
    if (filter) return totals(filtered(snapshot, filter, Date.now()), groupBy, note);
    return unfilteredTotals(snapshot, String(groupBy), () =>
      totals(filtered(snapshot, null, 0), groupBy, note),
    );
  }

  @Authorized(...REVIEWERS)
  @Query(() => ReviewItemConnection, {
    nullable: true,
    description: 'Matches to look at: weak links and near misses, the most money at stake first.',
  })
  async inventoryReviewQueue(@Args(() => PageArgs) page: PageArgs, @Ctx() { inventory }: SiteContext) {
    return paginate(reviewQueue(await inventory.snapshot()), page);
  }

  @Authorized(...REVIEWERS)
  @Query(() => InventoryDecisionConnection, {
    nullable: true,
    description: 'Decisions on the inventory, newest first.',
  })
  async inventoryDecisions(@Args(() => PageArgs) page: PageArgs, @Ctx() { inventory }: SiteContext) {
    const snapshot = await inventory.snapshot();
    return paginate(
      (await inventory.inventory.decisions()).map((d) => toDecision(d, snapshot)),
      page,
    );
  }

  @Authorized(...DECIDERS)
  @Mutation(() => InventoryDecisionType, {
    description: 'These records are one instrument: keep them together.',
  })
  async confirmEquipment(@Arg('id', () => ID) id: string, @Ctx() ctx: SiteContext) {
    const decision = await ctx.inventory.inventory.confirm(who(ctx), id);
    return toDecision(decision, await ctx.inventory.inventory.snapshot());
  }

  @Authorized(...DECIDERS)
  @Mutation(() => InventoryDecisionType, {
    description: 'These records of the instrument are another instrument: keep them apart from the rest.',
  })
  async splitEquipment(
    @Arg('id', () => ID) id: string,
    @Arg('recordIds', () => [ID]) recordIds: string[],
    @Ctx() ctx: SiteContext,
  ) {
    const decision = await ctx.inventory.inventory.split(who(ctx), id, recordIds);
    return toDecision(decision, await ctx.inventory.inventory.snapshot());
  }

  @Authorized(...DECIDERS)
  @Mutation(() => InventoryDecisionType, { description: 'These instruments are one.' })
  async mergeEquipment(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: SiteContext) {
    const decision = await ctx.inventory.inventory.merge(who(ctx), ids);
    return toDecision(decision, await ctx.inventory.inventory.snapshot());
  }

  @FieldResolver()
  platform(@Root() equipment: Equipment, @Ctx() { registry }: SiteContext): Promise<Platform | null> | null {
    return equipment.platformCode ? registry.platform(equipment.platformCode) : null;
  }
}

function who(ctx: SiteContext): string {
  if (!ctx.caller.subject)
    throw new GraphQLError('A decision needs a caller with a subject', {
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  return ctx.caller.subject;
}

/** `UlInventoryRecord.equipment`...: the back-link, one resolver class per tutelle type. */
const defineRecordResolver = oncePerTutelle((tutelle: Tutelle) => {
  const Reference = defineRecordReferences(tutelle);
  @Resolver(() => Reference)
  class RecordResolver {
    @FieldResolver(() => Equipment, { nullable: true })
    async equipment(@Root() record: { id: string }, @Ctx() { inventory }: SiteContext) {
      const view = (await inventory.snapshot()).byRecord.get(record.id);
      return view ? toEquipment(view) : null;
    }
  }
  return RecordResolver;
});

export const inventoryResolvers = () =>
  [EquipmentResolver, ...FEDERATED_TUTELLES.map(defineRecordResolver)] as const;

export const inventoryReferenceResolvers = {
  Equipment: {
    __resolveReference: async (ref: { id: string }, { inventory }: SiteContext) => {
      const view = (await inventory.snapshot()).byId.get(ref.id);
      return view ? toEquipment(view) : null;
    },
  },
  ...Object.fromEntries(
    FEDERATED_TUTELLES.map((t) => [
      `${TUTELLES[t].typePrefix}InventoryRecord`,
      { __resolveReference: (ref: { id: string }) => ({ id: ref.id, tutelle: t }) },
    ]),
  ),
};

/** Unfiltered totals by grouping, per inventory snapshot: computed once for each. */
const unfilteredTotals = perSnapshot<InventoryTotal[]>(10);

/** The instruments' count and value HT by grouping. */
const NOT_SYNCED =
  'not synced yet: the site inventory is filled by `pnpm hub inventory sync` (docs/INVENTORY.md)';

function totals(
  equipment: readonly EquipmentView[],
  groupBy: InventoryGrouping | null,
  note: string | null,
): InventoryTotal[] {
  const groups = new Map<string | null, { count: number; cents: number }>();
  const add = (key: string | null, cents: number) => {
    const group = groups.get(key) ?? { count: 0, cents: 0 };
    group.count++;
    group.cents += cents;
    groups.set(key, group);
  };
  for (const e of equipment) {
    if (groupBy === InventoryGrouping.TUTELLE)
      for (const [t, cents] of Object.entries(e.shares)) add(t, cents);
    else add(groupBy === InventoryGrouping.PLATFORM ? e.platformCode : null, e.valueHTCents);
  }
  if (groups.size === 0 && groupBy == null) groups.set(null, { count: 0, cents: 0 });
  return [...groups]
    .sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff'))
    .map(([key, g]) => ({ key, equipmentCount: g.count, valueHT: euros(g.cents / 100, VatBasis.HT), note }));
}

/**
 * The instruments a filter keeps, per inventory snapshot and filter: the pages of one list (and every
 * request for the same one) filter the whole inventory once. Ages are counted by the day.
 */
const filteredLists = perSnapshot<EquipmentView[]>(200);

function filtered(snapshot: InventorySnapshot, filter: EquipmentFilter | null, now: number): EquipmentView[] {
  if (!filter) return filteredLists(snapshot, 'held', () => snapshot.equipment.filter(held));
  const key = `${new Date(now).toISOString().slice(0, 10)} ${JSON.stringify(filter)}`;
  // Split once, bounded: the filter's work does not grow with the search's text.
  const search = filter.search ? searchWords(filter.search, 'filter.search', words) : [];
  return filteredLists(snapshot, key, () =>
    snapshot.equipment.filter((e) => matches(e, filter, search, now)),
  );
}

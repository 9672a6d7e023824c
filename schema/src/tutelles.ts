import type { GraphQLAbstractType, GraphQLResolveInfo } from 'graphql';
import { registerEnumType } from 'type-graphql';

/**
 * The site's parent institutions. `hub connector new <name>` adds a line here, its TUTELLES entry, and its
 * descriptor in ops/src/tutelles.ts (docs/CONNECTORS.md).
 */
export enum Tutelle {
  UL = 'UL',
  CNRS = 'CNRS',
  INRAE = 'INRAE',
  CHRU = 'CHRU',
  // hub connector new: tutelles above this line
}
registerEnumType(Tutelle, { name: 'Tutelle', description: 'A parent institution of the site.' });

export interface TutelleInfo {
  code: Tutelle;
  name: string;
  /** Prefix of the GraphQL types this tutelle's subgraph owns: `Ul` → `UlInventoryRecord`. */
  typePrefix: string;
  /** Name of its subgraph in the supergraph. */
  subgraph: string;
}

export const TUTELLES: Readonly<Record<Tutelle, TutelleInfo>> = {
  UL: { code: Tutelle.UL, name: 'Université de Lorraine', typePrefix: 'Ul', subgraph: 'ul' },
  CNRS: { code: Tutelle.CNRS, name: 'CNRS, délégation Centre-Est', typePrefix: 'Cnrs', subgraph: 'cnrs' },
  INRAE: {
    code: Tutelle.INRAE,
    name: 'INRAE, centre Grand Est-Nancy',
    typePrefix: 'Inrae',
    subgraph: 'inrae',
  },
  CHRU: { code: Tutelle.CHRU, name: 'CHRU de Nancy', typePrefix: 'Chru', subgraph: 'chru' },
  // hub connector new: entries above this line
};

/**
 * Every tutelle, each with its subgraph composed into the graph; which of them a site runs is configuration
 * (`HUB_TUTELLES`), and the site references only those.
 */
export const FEDERATED_TUTELLES: readonly Tutelle[] = Object.values(Tutelle);

export function isTutelle(value: unknown): value is Tutelle {
  return typeof value === 'string' && value in TUTELLES;
}

/**
 * `resolveType` of the shared interfaces: a record's tutelle names its concrete type, `UlInventoryRecord`.
 * Values are plain objects from connectors, so the type is read from their `tutelle`, not their class.
 */
export function resolveTutelleType(suffix: string) {
  return (value: { tutelle: Tutelle }): string => `${TUTELLES[value.tutelle].typePrefix}${suffix}`;
}

/**
 * `resolveType` of an interface that each tutelle's subgraph implements once, with its own type
 * (`UlStaffAssignment`): its values carry no tutelle, and a subgraph's schema holds one implementation.
 */
export function resolveSoleImplementation(
  _value: unknown,
  _context: unknown,
  info: GraphQLResolveInfo,
  abstractType: GraphQLAbstractType,
): string {
  const [only, ...others] = info.schema.getPossibleTypes(abstractType);
  if (!only || others.length > 0)
    throw new Error(
      `${abstractType.name} has ${others.length + (only ? 1 : 0)} implementations here, not one`,
    );
  return only.name;
}

/** The hub-wide id of a tutelle's record: 'UL:000020004512'. */
export function hubIdOf(tutelle: Tutelle, sourceKey: string): string {
  return `${tutelle}:${sourceKey}`;
}

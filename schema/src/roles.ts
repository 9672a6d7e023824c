/**
 * Who may read what. A caller's roles come from a verified bearer token; no token means `public`.
 * This is the one list the subgraphs check against.
 */
export enum Role {
  PUBLIC = 'public',
  /** Manager of the platforms named in the token. */
  PLATFORM = 'platform',
  /** A tutelle's central services (HR, finance, assets). */
  CENTRAL = 'central',
  /** The site's steering committee (CORIS). */
  STEERING = 'steering',
  ADMIN = 'admin',
  /**
   * The hub's own site subgraph, reading the tutelles' subgraphs to compute what no single tutelle can (the
   * site-wide inventory, the full-cost tariffs). Only a request signed with the gateway key carries it, never
   * a token: it answers aggregates, and passes no individual figure on to its own callers.
   */
  SERVICE = 'service',
}

/** The roles a bearer token may carry: every role but the hub's internal `service`. */
export const TOKEN_ROLES: readonly Role[] = Object.values(Role).filter((r) => r !== Role.SERVICE);

/** Names, e-mails and grades of individual staff: an individual HR record. */
export const PERSONAL_DATA_READERS: readonly Role[] = [
  Role.PLATFORM,
  Role.CENTRAL,
  Role.STEERING,
  Role.ADMIN,
  Role.SERVICE,
];

/**
 * A cost centre's expenses: internal finance, not for the public. A platform manager reads those of their
 * own platforms' cost centres.
 */
export const FINANCE_READERS: readonly Role[] = [
  Role.PLATFORM,
  Role.CENTRAL,
  Role.STEERING,
  Role.ADMIN,
  Role.SERVICE,
];

/** Individual loaded yearly costs (salaries): the most sensitive figure the hub carries. */
export const SALARY_READERS: readonly Role[] = [Role.CENTRAL, Role.STEERING, Role.ADMIN, Role.SERVICE];

/**
 * A service's tariff-model inputs (yearly volume, staff and instrument hours per unit): with the public
 * prices they solve to a platform's staff cost (docs/TARIFFS.md). These roles read every platform's; a
 * `platform` manager reads those of the platforms the token names.
 */
export const MODEL_INPUT_READERS: readonly Role[] = [Role.CENTRAL, Role.STEERING, Role.ADMIN, Role.SERVICE];

/** Whether a token's claim names a role it may carry (`service` never comes from a token). */
export function isTokenRole(value: unknown): value is Role {
  return TOKEN_ROLES.includes(value as Role);
}

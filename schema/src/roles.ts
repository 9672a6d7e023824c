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
}

/** Names, e-mails and grades of individual staff: an individual HR record. */
export const PERSONAL_DATA_READERS: readonly Role[] = [
  Role.PLATFORM,
  Role.CENTRAL,
  Role.STEERING,
  Role.ADMIN,
];

/**
 * A cost centre's expenses: internal finance, not for the public. A platform manager reads those of their
 * own platforms' cost centres.
 */
export const FINANCE_READERS: readonly Role[] = [Role.PLATFORM, Role.CENTRAL, Role.STEERING, Role.ADMIN];

/** Individual loaded yearly costs (salaries): the most sensitive figure the hub carries. */
export const SALARY_READERS: readonly Role[] = [Role.CENTRAL, Role.STEERING, Role.ADMIN];

export function isRole(value: unknown): value is Role {
  return Object.values(Role).includes(value as Role);
}

// @hub/schema: the domain contract every subgraph imports. Add exports with intention: it is public API.
import 'reflect-metadata';

export { INPUT_BOUNDS, searchWords } from './bounds';
export { CostCentre, CostCentreReference, ExpenseArgs } from './cost-centres';
export { ErrorCode } from './errors';
export { DEFAULT_VAT_RATE, euros, Money, roundCents, toHT, VatBasis } from './money';
export {
  type Connection,
  ConnectionType,
  DEFAULT_PAGE_SIZE,
  type Edge,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageArgs,
  PageInfo,
  paginate,
} from './pagination';
export {
  EquipmentStatus,
  Expense,
  ExpenseConnection,
  ExpenseNature,
  InventoryRecord,
  InventoryRecordConnection,
  StaffAssignment,
  StaffMember,
} from './records';
export {
  FINANCE_READERS,
  isTokenRole,
  MODEL_INPUT_READERS,
  PERSONAL_DATA_READERS,
  Role,
  SALARY_READERS,
  TOKEN_ROLES,
} from './roles';
export { DateScalar } from './scalars';
export {
  defineTutelleReferences,
  defineTutelleTypes,
  oncePerTutelle,
  StaffMemberReference,
  type TutelleTypes,
} from './tutelle-types';
export {
  FEDERATED_TUTELLES,
  hubIdOf,
  isTutelle,
  resolveTutelleType,
  TUTELLES,
  Tutelle,
  type TutelleInfo,
} from './tutelles';

// The matcher: pure TypeScript, no I/O. See docs/INVENTORY.md.
export { BLOCKING_RULES, type BlockingRule, candidatePairs } from './blocking';
export { COMPARISONS, type Comparison } from './comparisons';
export { type MatchInput, modelVocabulary } from './features';
export type { FieldEvidence, ModelParameters } from './fellegi-sunter';
export {
  blockedPairs,
  DEFAULT_REVIEW_FLOOR,
  DEFAULT_THRESHOLD,
  equipmentIdOf,
  type MatchDecisions,
  type MatchedCluster,
  type MatchLink,
  type MatchOptions,
  type MatchReport,
  reconcile,
  regroup,
} from './matcher';
export { type PairwiseQuality, pairwiseQuality } from './quality';

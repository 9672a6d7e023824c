// @hub/ops/bench: the benchmark suite (`pnpm hub bench`, docs/PERFORMANCE.md), for the CI smoke pass.
export { cachesOff, GATEWAY_KINDS, GATEWAYS, type GatewayKind } from './gateways';
export { type LoadResult, type LoadTarget, runLoad } from './load';
export { type BenchOperation, canonicalJson, loadOperations } from './operations';
export { FULL_RUN, SMOKE_RUN } from './runs';
export { type BenchOptions, type BenchReport, type BenchRow, runBench } from './suite';
export { checkTargets, markdownReport } from './table';

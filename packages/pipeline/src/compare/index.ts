// @atlas/pipeline/compare: what starting a comparison needs (its request, its checks, the job kind),
// without loading onnxruntime or a model: the API imports this; the work itself loads when a job runs.
export { compareJob } from './compare-job.ts';
export { checkComparison, comparedSaes } from './check-comparison.ts';
export { compareRequest, compareSingletonKey, COMPARISON_METHODS, DEFAULT_COMPARISON_TOKENS, MAX_COMPARISON_TOKENS } from './compare-request.ts';
export type { CompareRequest, StoredComparisonMethod } from './compare-request.ts';

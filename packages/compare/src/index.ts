// @atlas/compare: is this the same feature? Compare atoms across SAEs and models — pure
// functions over weights and codes, each taking progress callbacks and an AbortSignal (RunControl).
export { CompareError } from './compare-error.ts';
export type { ComparisonMethod, ComparisonResult, ComparisonSummary, MatchEdge, NullDistribution, ProgressEvent, RunControl, SummaryFigure } from './result.ts';
export { figure } from './result.ts';
export { dictionaryOf } from './dictionary.ts';
export type { Dictionary } from './dictionary.ts';
// Same residual space: decoder cosine, and the atoms view (AIP).
export { compareDecoders } from './decoder-cosine.ts';
export type { AtomMatchOptions } from './atom-matching.ts';
export { EXACT_ASSIGNMENT_LIMIT, EXACT_ALGORITHM, GREEDY_ALGORITHM } from './assignment.ts';
export { compareAip, activationCovariance } from './aip-matching.ts';
export type { AipOptions } from './aip-matching.ts';
// Different models or hooks: codes over shared tokens, correlation, SVCCA and RSA.
export { CodeTableBuilder, encodeSource, byFeature, featureMoments } from './code-table.ts';
export type { CodeTable, EncodeOptions, FeatureMoments } from './code-table.ts';
export { collectAlignedCodes } from './aligned-codes.ts';
export type { AlignedCodesOptions, ModelSide } from './aligned-codes.ts';
export { compareTokenizers, requireSameTokenizer } from './tokenizer-check.ts';
export type { TokenizerComparison } from './tokenizer-check.ts';
export { correlateActivations } from './activation-correlation.ts';
export type { ActivationCorrelationOptions } from './activation-correlation.ts';
export { DEFAULT_PAIR_MEMORY } from './pair-correlation.ts';
export { pairedGeometry } from './paired-geometry.ts';
export type { PairedGeometryOptions } from './paired-geometry.ts';
export { svcca, DEFAULT_VARIANCE_KEPT } from './svcca.ts';
export type { SvccaResult } from './svcca.ts';
export { spearman, rsa, pairwiseCosines } from './rsa.ts';
export { DEFAULT_NULL_DRAWS } from './null-distribution.ts';
// Feature families across widths.
export { featureFamilies } from './families.ts';
export type { FamilyChild, FamilyOptions, FeatureFamily } from './families.ts';
// The neurons-versus-features contrast: a layer's MLP neurons as a dictionary.
export { neuronDictionary } from './neurons.ts';
export { randomOrthogonal } from './random.ts';

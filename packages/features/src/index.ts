export { FeatureStatsAccumulator } from './feature-stats.ts';
export type { FeatureStatistics, FeatureStatsOptions } from './feature-stats.ts';
export type { SparseCodes } from './sparse-codes.ts';
export type { TopContext } from './top-contexts.ts';
export type { Histogram } from './log-histogram.ts';

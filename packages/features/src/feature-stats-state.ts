import type { CoactivationState } from './coactivation.ts';
import type { FeatureStatsOptions } from './feature-stats.ts';
import type { FlatContexts } from './context-slots.ts';

/** A FeatureStatsAccumulator's whole content (see `toState`/`fromState`): typed arrays plus a few numbers. */
export interface FeatureStatsState {
  width: number;
  options: FeatureStatsOptions;
  tokens: number;
  firing: Float64Array;
  /** Fixed-point sums (see feature-stats.ts). */
  sumHigh: Float64Array;
  sumLow: Float64Array;
  maxima: Float32Array;
  /** Fine log-grid counts [width, fine bins] and each feature's smallest value. */
  histogramFine: Uint32Array;
  histogramMin: Float32Array;
  /** Contexts each feature fired in. */
  contextCounts: Float64Array;
  topContexts: FlatContexts;
  sampledContexts: FlatContexts;
  coactivation: CoactivationState;
}

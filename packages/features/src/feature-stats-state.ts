import type { CoactivationState } from './coactivation.ts';
import type { FeatureStatsOptions } from './feature-stats.ts';
import type { TopContext } from './top-contexts.ts';

/**
 * Per-feature lists of contexts (top lists or quantile samples) as flat typed arrays: entry e
 * belongs to `feature[e]`, and its positions and values are [offsets[e], offsets[e + 1]).
 */
export interface FlatContexts {
  feature: Int32Array;
  contextIndex: Int32Array;
  maxValue: Float32Array;
  maxPosition: Int32Array;
  offsets: Int32Array;
  positions: Int32Array;
  values: Float32Array;
}

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

export function flattenContexts(lists: readonly (readonly TopContext[])[]): FlatContexts {
  let entries = 0;
  let positions = 0;
  for (const list of lists) {
    entries += list.length;
    for (const entry of list) positions += entry.positions.length;
  }
  const flat: FlatContexts = {
    feature: new Int32Array(entries),
    contextIndex: new Int32Array(entries),
    maxValue: new Float32Array(entries),
    maxPosition: new Int32Array(entries),
    offsets: new Int32Array(entries + 1),
    positions: new Int32Array(positions),
    values: new Float32Array(positions),
  };
  let e = 0;
  let p = 0;
  lists.forEach((list, feature) => {
    for (const entry of list) {
      flat.feature[e] = feature;
      flat.contextIndex[e] = entry.contextIndex;
      flat.maxValue[e] = entry.maxValue;
      flat.maxPosition[e] = entry.maxPosition;
      flat.offsets[e] = p;
      flat.positions.set(entry.positions, p);
      flat.values.set(entry.values, p);
      p += entry.positions.length;
      e += 1;
    }
  });
  flat.offsets[e] = p;
  return flat;
}

/** Calls `visit(feature, entry)` for every entry, in the order flattened. */
export function unflattenContexts(flat: FlatContexts, visit: (feature: number, entry: TopContext) => void): void {
  for (let e = 0; e < flat.feature.length; e += 1) {
    const start = flat.offsets[e]!;
    const end = flat.offsets[e + 1]!;
    visit(flat.feature[e]!, {
      contextIndex: flat.contextIndex[e]!,
      maxValue: flat.maxValue[e]!,
      maxPosition: flat.maxPosition[e]!,
      positions: Array.from(flat.positions.subarray(start, end)),
      values: Array.from(flat.values.subarray(start, end)),
    });
  }
}

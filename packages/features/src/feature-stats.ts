import { CoactivationCounter, type CoactivationNeighbour, type CoactivationOptions } from './coactivation.ts';
import { LogHistogramSet, type Histogram } from './log-histogram.ts';
import { QuantileSampler, type QuantileBin, type QuantileOptions } from './quantile-examples.ts';
import type { SparseCodes } from './sparse-codes.ts';
import { TopContextTracker, type TopContext } from './top-contexts.ts';
import { unflattenContexts } from './context-slots.ts';
import type { FeatureStatsState } from './feature-stats-state.ts';
import { FeaturesError } from './features-error.ts';

export interface FeatureStatsOptions {
  /** Top-activating contexts kept per feature (default 20). */
  topK?: number;
  /** Display histogram bins per feature (default 24). */
  histogramBins?: number;
  /** Quantile-interval examples: reservoir size, bins, examples per bin, seed. */
  quantiles?: QuantileOptions;
  /** Co-activation pair counts: memory budget and context subsampling (see `CoactivationCounter`). */
  coactivation?: CoactivationOptions;
}

/** Fires on more than this share of tokens: flagged dense. */
export const DENSE_THRESHOLD = 0.1;

export interface FeatureStatistics {
  index: number;
  firingCount: number;
  /** Share of all tokens on which the feature fired. */
  density: number;
  maxActivation: number;
  /** Mean over the tokens where it fired. */
  meanActivation: number;
  topContexts: TopContext[];
  histogram: Histogram;
  /** Examples across the range of its per-context maxima, weakest bin first (empty if dead). */
  quantileBins: QuantileBin[];
  /** Never fired in the statistics pass. */
  isDead: boolean;
  /** density > DENSE_THRESHOLD. */
  isDense: boolean;
  /** Up to 10 features that fire on the same tokens, highest Jaccard index first. */
  coactivating: CoactivationNeighbour[];
}

/**
 * Sums are kept in fixed point (units of 2^-20, split into high and low words of 2^32 units) so
 * that adding is associative: shards summed in any grouping give bit-identical means.
 */
const SUM_SCALE = 2 ** 20;
const SUM_CARRY = 2 ** 32;

/**
 * One streaming pass over sparse codes, context by context, in memory bounded by the SAE width
 * (never by the corpus length): firing counts, sums, maxima, histograms and top contexts.
 * Mergeable: accumulators of disjoint context ranges (shards) `merge` into exactly the result of
 * one pass over all of them, and `toState`/`fromState` carry one between processes.
 */
export class FeatureStatsAccumulator {
  private readonly options: FeatureStatsOptions;
  private readonly firing: Float64Array;
  private readonly sumHigh: Float64Array;
  private readonly sumLow: Float64Array;
  private readonly maxima: Float32Array;
  private readonly histograms: LogHistogramSet;
  private readonly tops: TopContextTracker;
  private readonly quantiles: QuantileSampler;
  private readonly coactivation: CoactivationCounter;
  private readonly histogramBins: number;
  private tokens = 0;
  // Scratch space for one context, reset through `touched` so a context costs O(its non-zeros).
  private readonly contextMax: Float32Array;
  private readonly contextMaxPosition: Int32Array;
  private readonly contextPositions: number[][];
  private readonly contextValues: number[][];
  private readonly touched: number[] = [];

  constructor(
    readonly width: number,
    options: FeatureStatsOptions = {},
  ) {
    if (!Number.isInteger(width) || width < 1) throw new FeaturesError(`SAE width must be a whole number of at least 1, got ${width}.`);
    this.options = options;
    this.firing = new Float64Array(width);
    this.sumHigh = new Float64Array(width);
    this.sumLow = new Float64Array(width);
    this.maxima = new Float32Array(width);
    this.histograms = new LogHistogramSet(width);
    this.tops = new TopContextTracker(width, options.topK ?? 20);
    this.histogramBins = options.histogramBins ?? 24;
    this.quantiles = new QuantileSampler(width, options.quantiles);
    this.coactivation = new CoactivationCounter(width, options.coactivation);
    this.contextMax = new Float32Array(width);
    this.contextMaxPosition = new Int32Array(width);
    this.contextPositions = Array.from({ length: width }, () => []);
    this.contextValues = Array.from({ length: width }, () => []);
  }

  get tokenCount(): number {
    return this.tokens;
  }

  /** Adds one context whose tokens are rows [firstRow, firstRow + length) of `codes`. */
  addContext(contextIndex: number, codes: SparseCodes, firstRow: number, length: number): void {
    const { indices, values, k } = codes;
    for (let position = 0; position < length; position += 1) {
      const rowBase = (firstRow + position) * k;
      for (let slot = 0; slot < k; slot += 1) {
        const value = values[rowBase + slot]!;
        if (!(value > 0)) continue;
        const feature = indices[rowBase + slot]!;
        if (feature < 0 || feature >= this.width) {
          throw new Error(`Feature index ${feature} is outside the SAE width ${this.width}.`);
        }
        this.firing[feature]! += 1;
        const low = this.sumLow[feature]! + Math.round(value * SUM_SCALE);
        if (low >= SUM_CARRY) {
          this.sumHigh[feature]! += Math.floor(low / SUM_CARRY);
          this.sumLow[feature] = low % SUM_CARRY;
        } else {
          this.sumLow[feature] = low;
        }
        if (value > this.maxima[feature]!) this.maxima[feature] = value;
        this.histograms.add(feature, value);
        if (this.contextPositions[feature]!.length === 0) this.touched.push(feature);
        this.contextPositions[feature]!.push(position);
        this.contextValues[feature]!.push(value);
        if (value > this.contextMax[feature]!) {
          this.contextMax[feature] = value;
          this.contextMaxPosition[feature] = position;
        }
      }
    }
    this.tokens += length;
    this.coactivation.addRows(codes, firstRow, length, contextIndex);
    for (const feature of this.touched) {
      const maxValue = this.contextMax[feature]!;
      const maxPosition = this.contextMaxPosition[feature]!;
      const positions = this.contextPositions[feature]!;
      const values = this.contextValues[feature]!;
      // Both copy what they keep, so the scratch arrays are reused for the next context.
      this.quantiles.offer(feature, contextIndex, maxValue, maxPosition, positions, values);
      if (this.tops.admits(feature, maxValue)) this.tops.offer(feature, contextIndex, maxValue, maxPosition, positions, values);
      positions.length = 0;
      values.length = 0;
      this.contextMax[feature] = 0;
    }
    this.touched.length = 0;
  }

  finish(): FeatureStatistics[] {
    const coactivating = this.coactivation.finish();
    return Array.from({ length: this.width }, (_, index) => {
      const firingCount = this.firing[index]!;
      const maxActivation = this.maxima[index]!;
      const topContexts = this.tops.top(index);
      const density = this.tokens === 0 ? 0 : firingCount / this.tokens;
      return {
        index,
        firingCount,
        density,
        maxActivation,
        meanActivation: firingCount === 0 ? 0 : this.sum(index) / firingCount,
        topContexts,
        histogram: this.histograms.histogram(index, maxActivation, this.histogramBins),
        quantileBins: this.quantiles.bins(index, new Set(topContexts.map((top) => top.contextIndex))),
        isDead: firingCount === 0,
        isDense: density > DENSE_THRESHOLD,
        coactivating: coactivating[index]!,
      };
    });
  }

  private sum(feature: number): number {
    return (this.sumHigh[feature]! * SUM_CARRY + this.sumLow[feature]!) / SUM_SCALE;
  }

  /** Adds the statistics of another accumulator over a disjoint set of contexts (same width and options). */
  merge(other: FeatureStatsAccumulator): void {
    this.checkMergeable(other.width, other.options);
    const { tokens, firing, sumHigh, sumLow, maxima } = other;
    this.addTotals({ tokens, firing, sumHigh, sumLow, maxima });
    this.histograms.merge(other.histograms);
    this.tops.merge(other.tops);
    this.quantiles.merge(other.quantiles);
    this.coactivation.merge(other.coactivation);
  }

  /**
   * `merge` of another accumulator's `toState()` (a shard's result at the coordinator), without
   * building that accumulator: no second co-activation triangle or example store.
   */
  mergeState(state: FeatureStatsState): void {
    this.checkMergeable(state.width, state.options);
    this.addTotals(state);
    this.histograms.mergeCounts(state.histogramFine, state.histogramMin);
    this.coactivation.mergeState(state.coactivation);
    unflattenContexts(state.topContexts, (feature, entry) => this.tops.offerExample(feature, entry));
    for (let feature = 0; feature < state.width; feature += 1) this.quantiles.addContextCount(feature, state.contextCounts[feature]!);
    unflattenContexts(state.sampledContexts, (feature, entry) => this.quantiles.restore(feature, entry));
  }

  private checkMergeable(width: number, options: FeatureStatsOptions): void {
    if (width !== this.width) throw new Error(`Cannot merge statistics of width ${width} into width ${this.width}.`);
    if (JSON.stringify(options) !== JSON.stringify(this.options)) {
      throw new Error(`Cannot merge statistics computed with different options (${JSON.stringify(options)} vs ${JSON.stringify(this.options)}).`);
    }
  }

  /** Token count, firing counts, fixed-point sums and maxima of another pass (accumulator or state). */
  private addTotals(other: Pick<FeatureStatsState, 'tokens' | 'firing' | 'sumHigh' | 'sumLow' | 'maxima'>): void {
    this.tokens += other.tokens;
    for (let feature = 0; feature < this.width; feature += 1) {
      this.firing[feature]! += other.firing[feature]!;
      const low = this.sumLow[feature]! + other.sumLow[feature]!;
      this.sumHigh[feature]! += other.sumHigh[feature]! + Math.floor(low / SUM_CARRY);
      this.sumLow[feature] = low % SUM_CARRY;
      if (other.maxima[feature]! > this.maxima[feature]!) this.maxima[feature] = other.maxima[feature]!;
    }
  }

  /** Everything the accumulator holds, as typed arrays (for sending a shard's result to a coordinator). */
  toState(): FeatureStatsState {
    const features = Array.from({ length: this.width }, (_, feature) => feature);
    return {
      width: this.width,
      options: this.options,
      tokens: this.tokens,
      firing: this.firing,
      sumHigh: this.sumHigh,
      sumLow: this.sumLow,
      maxima: this.maxima,
      histogramFine: this.histograms.fine,
      histogramMin: this.histograms.minValue,
      contextCounts: Float64Array.from(features, (feature) => this.quantiles.contextCount(feature)),
      topContexts: this.tops.flat(),
      sampledContexts: this.quantiles.flat(),
      coactivation: this.coactivation.toState(),
    };
  }

  /** Rebuilds an accumulator from `toState()`; merging or finishing it gives what the original would. */
  static fromState(state: FeatureStatsState): FeatureStatsAccumulator {
    const accumulator = new FeatureStatsAccumulator(state.width, state.options);
    accumulator.mergeState(state);
    return accumulator;
  }
}

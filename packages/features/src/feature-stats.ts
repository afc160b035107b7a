import { LogHistogramSet, type Histogram } from './log-histogram.ts';
import { QuantileSampler, type QuantileBin, type QuantileOptions } from './quantile-examples.ts';
import type { SparseCodes } from './sparse-codes.ts';
import { TopContextTracker, type TopContext } from './top-contexts.ts';

export interface FeatureStatsOptions {
  /** Top-activating contexts kept per feature (default 20). */
  topK?: number;
  /** Display histogram bins per feature (default 24). */
  histogramBins?: number;
  /** Quantile-interval examples: reservoir size, bins, examples per bin, seed. */
  quantiles?: QuantileOptions;
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
}

/**
 * One streaming pass over sparse codes, context by context, in memory bounded by the SAE width
 * (never by the corpus length): firing counts, sums, maxima, histograms and top contexts.
 */
export class FeatureStatsAccumulator {
  private readonly firing: Float64Array;
  private readonly sums: Float64Array;
  private readonly maxima: Float32Array;
  private readonly histograms: LogHistogramSet;
  private readonly tops: TopContextTracker;
  private readonly quantiles: QuantileSampler;
  private readonly histogramBins: number;
  private tokens = 0;
  // Scratch space for one context, reset through `touched` so a context costs O(its non-zeros).
  private readonly contextMax: Float32Array;
  private readonly contextMaxPosition: Int32Array;
  private readonly contextPositions: number[][];
  private readonly contextValues: number[][];
  private readonly touched: number[] = [];

  constructor(
    private readonly width: number,
    options: FeatureStatsOptions = {},
  ) {
    if (!Number.isInteger(width) || width < 1) throw new Error(`SAE width must be a positive integer, got ${width}.`);
    this.firing = new Float64Array(width);
    this.sums = new Float64Array(width);
    this.maxima = new Float32Array(width);
    this.histograms = new LogHistogramSet(width);
    this.tops = new TopContextTracker(width, options.topK ?? 20);
    this.histogramBins = options.histogramBins ?? 24;
    this.quantiles = new QuantileSampler(width, options.quantiles);
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
        this.sums[feature]! += value;
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
    for (const feature of this.touched) {
      const maxValue = this.contextMax[feature]!;
      this.quantiles.offer(
        feature, contextIndex, maxValue, this.contextMaxPosition[feature]!, this.contextPositions[feature]!, this.contextValues[feature]!,
      );
      if (this.tops.admits(feature, maxValue)) {
        this.tops.offer(feature, {
          contextIndex,
          maxValue,
          maxPosition: this.contextMaxPosition[feature]!,
          positions: this.contextPositions[feature]!,
          values: this.contextValues[feature]!,
        });
        // The arrays now belong to the tracker; start fresh ones for the next context.
        this.contextPositions[feature] = [];
        this.contextValues[feature] = [];
      } else {
        this.contextPositions[feature]!.length = 0;
        this.contextValues[feature]!.length = 0;
      }
      this.contextMax[feature] = 0;
    }
    this.touched.length = 0;
  }

  finish(): FeatureStatistics[] {
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
        meanActivation: firingCount === 0 ? 0 : this.sums[index]! / firingCount,
        topContexts,
        histogram: this.histograms.histogram(index, maxActivation, this.histogramBins),
        quantileBins: this.quantiles.bins(index, new Set(topContexts.map((top) => top.contextIndex))),
        isDead: firingCount === 0,
        isDense: density > DENSE_THRESHOLD,
      };
    });
  }
}

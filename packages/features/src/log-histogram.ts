/**
 * Per-feature activation histograms in bounded memory. During the pass every non-zero value is
 * counted into fine log-spaced bins shared by all features (FINE_BINS over [10^MIN_EXP, 10^MAX_EXP));
 * at the end each feature's fine counts are regrouped into a few log-spaced display bins between
 * that feature's own min and max, so the drawn histogram fits the feature, not a global range.
 * The fine grid is the same for every shard of a pass, so shards merge exactly (sum the counts).
 */
const MIN_EXP = -4;
const MAX_EXP = 4;
const FINE_BINS = 384;
const FINE_PER_DECADE = FINE_BINS / (MAX_EXP - MIN_EXP);

export interface Histogram {
  /** Bin edges, length counts.length + 1. */
  edges: number[];
  counts: number[];
}

export class LogHistogramSet {
  /** Fine counts, row-major [width, FINE_BINS], and each feature's smallest value (Infinity: none). */
  readonly fine: Uint32Array;
  readonly minValue: Float32Array;

  constructor(
    private readonly width: number,
    state?: { fine: Uint32Array; minValue: Float32Array },
  ) {
    this.fine = state?.fine ?? new Uint32Array(width * FINE_BINS);
    this.minValue = state?.minValue ?? new Float32Array(width).fill(Infinity);
    if (this.fine.length !== width * FINE_BINS || this.minValue.length !== width) {
      throw new Error(`Histogram state does not fit width ${width} (${FINE_BINS} fine bins per feature).`);
    }
  }

  /** Adds another shard's counts into this one. */
  merge(other: LogHistogramSet): void {
    if (other.width !== this.width) throw new Error(`Cannot merge histograms of width ${other.width} into ${this.width}.`);
    this.mergeCounts(other.fine, other.minValue);
  }

  /** `merge` of another set's arrays (`fine`, `minValue`), e.g. from a serialized shard. */
  mergeCounts(fine: Uint32Array, minValue: Float32Array): void {
    if (fine.length !== this.fine.length || minValue.length !== this.width) {
      throw new Error(`Histogram state does not fit width ${this.width} (${FINE_BINS} fine bins per feature).`);
    }
    for (let i = 0; i < this.fine.length; i += 1) this.fine[i]! += fine[i]!;
    for (let feature = 0; feature < this.width; feature += 1) {
      if (minValue[feature]! < this.minValue[feature]!) this.minValue[feature] = minValue[feature]!;
    }
  }

  add(feature: number, value: number): void {
    const bin = Math.floor((Math.log10(value) - MIN_EXP) * FINE_PER_DECADE);
    const clamped = bin < 0 ? 0 : bin >= FINE_BINS ? FINE_BINS - 1 : bin;
    this.fine[feature * FINE_BINS + clamped]! += 1;
    if (value < this.minValue[feature]!) this.minValue[feature] = value;
  }

  /** Display histogram for one feature with `bins` log-spaced bins between its min and max. */
  histogram(feature: number, maxValue: number, bins: number): Histogram {
    const min = this.minValue[feature]!;
    if (!Number.isFinite(min) || maxValue <= 0) return { edges: [], counts: [] };
    if (maxValue <= min * 1.0001) {
      const total = this.fine.subarray(feature * FINE_BINS, (feature + 1) * FINE_BINS).reduce((a, b) => a + b, 0);
      return { edges: [min, maxValue], counts: [total] };
    }
    const logMin = Math.log10(min);
    const logMax = Math.log10(maxValue);
    const step = (logMax - logMin) / bins;
    const edges = Array.from({ length: bins + 1 }, (_, i) => 10 ** (logMin + i * step));
    edges[0] = min;
    edges[bins] = maxValue;
    const counts = new Array<number>(bins).fill(0);
    const base = feature * FINE_BINS;
    for (let fineBin = 0; fineBin < FINE_BINS; fineBin += 1) {
      const count = this.fine[base + fineBin]!;
      if (count === 0) continue;
      const centre = MIN_EXP + (fineBin + 0.5) / FINE_PER_DECADE;
      const bin = Math.min(bins - 1, Math.max(0, Math.floor((centre - logMin) / step)));
      counts[bin]! += count;
    }
    return { edges, counts };
  }
}

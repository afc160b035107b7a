import { mulberry32 } from '@atlas/sae';
/** One context in a feature's reservoir: its maximum and the feature's value at every position it fired. */
export interface SampledContext {
  contextIndex: number;
  maxValue: number;
  maxPosition: number;
  positions: number[];
  values: number[];
}

/** One interval of a feature's per-context maxima with the examples chosen inside it. */
export interface QuantileBin {
  /** From 0, weakest first. */
  bin: number;
  /** Smallest and largest context maximum of the reservoir entries in this bin (inclusive). */
  lower: number;
  upper: number;
  /** Reservoir entries that fell in this bin (a uniform sample of the contexts where it fired). */
  count: number;
  /** Up to `perBin` examples, by maxValue ascending; each has lower ≤ maxValue ≤ upper. */
  examples: SampledContext[];
}

export interface QuantileOptions {
  /** Reservoir entries kept per feature (default 100). */
  reservoirSize?: number;
  /** Quantile bins (default 5). */
  bins?: number;
  /** Examples per bin (default 5). */
  perBin?: number;
  /** Seed of the reservoir's random choices (default 0): the same input and seed give the same samples. */
  seed?: number;
}

/**
 * Per feature, a uniform reservoir (Algorithm R) over the contexts where it fired, filled in the
 * same streaming pass as the other statistics: memory width × reservoirSize entries, whatever
 * the corpus length. `bins()` then cuts the reservoir's context maxima into equal-count
 * quantile bins and picks examples spread evenly through each.
 */
export class QuantileSampler {
  readonly reservoirSize: number;
  readonly binCount: number;
  readonly perBin: number;
  private readonly entries: (SampledContext | undefined)[];
  private readonly seen: Float64Array;
  private readonly random: () => number;

  constructor(
    private readonly width: number,
    options: QuantileOptions = {},
  ) {
    this.reservoirSize = options.reservoirSize ?? 100;
    this.binCount = options.bins ?? 5;
    this.perBin = options.perBin ?? 5;
    for (const [name, value] of [['reservoirSize', this.reservoirSize], ['bins', this.binCount], ['perBin', this.perBin]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}.`);
    }
    this.entries = new Array<SampledContext | undefined>(width * this.reservoirSize);
    this.seen = new Float64Array(width);
    this.random = mulberry32(options.seed ?? 0);
  }

  /**
   * Offers one context where `feature` fired. `positions` and `values` are only read when the
   * context is kept, and then copied, so the caller may reuse its arrays.
   */
  offer(feature: number, contextIndex: number, maxValue: number, maxPosition: number, positions: readonly number[], values: readonly number[]): void {
    const seen = this.seen[feature]!;
    this.seen[feature] = seen + 1;
    let slot: number;
    if (seen < this.reservoirSize) {
      slot = seen;
    } else {
      slot = Math.floor(this.random() * (seen + 1));
      if (slot >= this.reservoirSize) return;
    }
    this.entries[feature * this.reservoirSize + slot] = {
      contextIndex, maxValue, maxPosition, positions: positions.slice(), values: values.slice(),
    };
  }

  /** Contexts where the feature fired, counted over the whole pass. */
  contextCount(feature: number): number {
    return this.seen[feature]!;
  }

  /** The reservoir as it stands (unordered). */
  reservoir(feature: number): SampledContext[] {
    const size = Math.min(this.seen[feature]!, this.reservoirSize);
    const base = feature * this.reservoirSize;
    return this.entries.slice(base, base + size) as SampledContext[];
  }

  /**
   * The feature's quantile bins (empty bins left out). Contexts in `exclude` (e.g. its top
   * list) are only chosen when a bin has too few others.
   */
  bins(feature: number, exclude: ReadonlySet<number> = new Set()): QuantileBin[] {
    return quantileBins(this.reservoir(feature), this.binCount, this.perBin, exclude);
  }
}

/**
 * Sorts `sample` by maxValue (then contextIndex) and cuts it into `binCount` runs of equal size
 * (±1): bin b holds sorted entries [floor(b·n/B), floor((b+1)·n/B)). Within a bin, up to `perBin`
 * examples are taken evenly spaced, preferring contexts not in `exclude`.
 */
export function quantileBins(
  sample: readonly SampledContext[],
  binCount: number,
  perBin: number,
  exclude: ReadonlySet<number> = new Set(),
): QuantileBin[] {
  const sorted = [...sample].sort((a, b) => a.maxValue - b.maxValue || a.contextIndex - b.contextIndex);
  const n = sorted.length;
  const bins: QuantileBin[] = [];
  for (let bin = 0; bin < binCount; bin += 1) {
    const start = Math.floor((bin * n) / binCount);
    const end = Math.floor(((bin + 1) * n) / binCount);
    if (end <= start) continue;
    const members = sorted.slice(start, end);
    const preferred = members.filter((entry) => !exclude.has(entry.contextIndex));
    const pool = preferred.length >= perBin ? preferred : [...preferred, ...members.filter((e) => exclude.has(e.contextIndex))];
    const chosen = evenlySpaced(pool, perBin).sort((a, b) => a.maxValue - b.maxValue || a.contextIndex - b.contextIndex);
    bins.push({ bin, lower: members[0]!.maxValue, upper: members[members.length - 1]!.maxValue, count: members.length, examples: chosen });
  }
  return bins;
}

/** Up to `count` items of `items`, evenly spaced (all of them when there are no more). */
function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

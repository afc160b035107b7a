import { ContextSlots, flattenSlots, type ContextExample, type FlatContexts } from './context-slots.ts';
import { FeaturesError } from './features-error.ts';

/** One context in a feature's sample: its maximum and the feature's value at every position it fired. */
export type SampledContext = ContextExample;

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
  /** Seed of the sample's hash (default 0): the same input and seed give the same samples. */
  seed?: number;
}

/**
 * Per feature, a uniform sample of the contexts where it fired, filled in the same streaming
 * pass as the other statistics: memory width × reservoirSize entries, whatever the corpus length.
 * Each context gets a seeded pseudo-random key hash(seed, feature, context) and the sample is the
 * `reservoirSize` contexts with the smallest keys (bottom-k sampling). Unlike a sequential
 * reservoir this depends on neither the order nor the sharding of the pass: samplers of disjoint
 * shards merge into exactly the sample of one pass. `bins()` cuts the sample's context maxima
 * into equal-count quantile bins and picks examples spread evenly through each.
 */
export class QuantileSampler {
  readonly reservoirSize: number;
  readonly binCount: number;
  readonly perBin: number;
  readonly seed: number;
  // Each slot's sampling key beside its example, so finding the largest key is a tight scan.
  private readonly slots: ContextSlots;
  private readonly keys: Uint32Array;
  private readonly sizes: Uint16Array;
  /** Slot of the largest key per feature once its sample is full: the entry the next keeper replaces. */
  private readonly largestSlot: Int32Array;
  private readonly seen: Float64Array;

  constructor(
    readonly width: number,
    options: QuantileOptions = {},
  ) {
    this.reservoirSize = options.reservoirSize ?? 100;
    this.binCount = options.bins ?? 5;
    this.perBin = options.perBin ?? 5;
    this.seed = options.seed ?? 0;
    for (const [name, value] of [['reservoirSize', this.reservoirSize], ['bins', this.binCount], ['perBin', this.perBin]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new FeaturesError(`Quantile option ${name} must be a whole number of at least 1, got ${value}.`);
    }
    if (this.reservoirSize > 65_535) throw new FeaturesError(`Quantile option reservoirSize must be at most 65535 (one 16-bit slot each), got ${this.reservoirSize}.`);
    this.slots = new ContextSlots(width * this.reservoirSize);
    this.keys = new Uint32Array(width * this.reservoirSize);
    this.sizes = new Uint16Array(width);
    this.largestSlot = new Int32Array(width);
    this.seen = new Float64Array(width);
  }

  /**
   * Offers one context where `feature` fired. `positions` and `values` are only read when the
   * context is kept, and then copied, so the caller may reuse its arrays.
   */
  offer(
    feature: number, contextIndex: number, maxValue: number, maxPosition: number,
    positions: ArrayLike<number>, values: ArrayLike<number>,
  ): void {
    this.seen[feature]! += 1;
    this.keep(feature, sampleKey(this.seed, feature, contextIndex), contextIndex, maxValue, maxPosition, positions, values);
  }

  private keep(
    feature: number, key: number, contextIndex: number, maxValue: number, maxPosition: number,
    positions: ArrayLike<number>, values: ArrayLike<number>,
  ): void {
    const base = feature * this.reservoirSize;
    const size = this.sizes[feature]!;
    if (size >= this.reservoirSize) {
      const at = base + this.largestSlot[feature]!;
      const smaller = key < this.keys[at]! || (key === this.keys[at]! && contextIndex < this.slots.contextIndex[at]!);
      if (!smaller) return;
    }
    const slot = size < this.reservoirSize ? size : this.largestSlot[feature]!;
    this.slots.set(base + slot, contextIndex, maxValue, maxPosition, positions, values);
    this.keys[base + slot] = key;
    if (size < this.reservoirSize) this.sizes[feature] = size + 1;
    if (size + 1 >= this.reservoirSize) this.largestSlot[feature] = this.findLargest(base);
  }

  private keepExample(feature: number, key: number, entry: SampledContext): void {
    this.keep(feature, key, entry.contextIndex, entry.maxValue, entry.maxPosition, entry.positions, entry.values);
  }

  private findLargest(base: number): number {
    const contexts = this.slots.contextIndex;
    let largest = base;
    for (let at = base + 1; at < base + this.reservoirSize; at += 1) {
      if (this.keys[at]! > this.keys[largest]! || (this.keys[at] === this.keys[largest] && contexts[at]! > contexts[largest]!)) largest = at;
    }
    return largest - base;
  }

  /** Contexts where the feature fired, counted over the whole pass. */
  contextCount(feature: number): number {
    return this.seen[feature]!;
  }

  /** The sample as it stands, by key (so equal samples compare equal whatever the order of offers). */
  reservoir(feature: number): SampledContext[] {
    return this.orderedSlots(feature).map((slot) => this.slots.get(slot));
  }

  /** Every feature's sample, by key, as typed arrays. */
  flat(): FlatContexts {
    return flattenSlots(this.slots, Array.from({ length: this.width }, (_, feature) => this.orderedSlots(feature)));
  }

  private orderedSlots(feature: number): number[] {
    const contexts = this.slots.contextIndex;
    const base = feature * this.reservoirSize;
    return Array.from({ length: this.sizes[feature]! }, (_, slot) => base + slot)
      .sort((a, b) => this.keys[a]! - this.keys[b]! || contexts[a]! - contexts[b]!);
  }

  /** Adds another sampler's samples (a disjoint shard of contexts, same seed) into this one. */
  merge(other: QuantileSampler): void {
    if (other.width !== this.width || other.reservoirSize !== this.reservoirSize || other.seed !== this.seed) {
      throw new Error('Cannot merge quantile samples of a different width, reservoir size or seed.');
    }
    for (let feature = 0; feature < this.width; feature += 1) {
      this.seen[feature]! += other.seen[feature]!;
      const base = feature * other.reservoirSize;
      for (let at = base; at < base + other.sizes[feature]!; at += 1) {
        const { positions, values } = other.slots.span(at);
        this.keep(feature, other.keys[at]!, other.slots.contextIndex[at]!, other.slots.maxValue[at]!, other.slots.maxPosition[at]!, positions, values);
      }
    }
  }

  /** Re-adds a sampled context read back from a serialized sampler (see FeatureStatsAccumulator.fromState). */
  restore(feature: number, entry: SampledContext): void {
    this.keepExample(feature, sampleKey(this.seed, feature, entry.contextIndex), entry);
  }

  /** Adds to a feature's context count (for samples restored from a serialized sampler). */
  addContextCount(feature: number, contextCount: number): void {
    this.seen[feature]! += contextCount;
  }

  /**
   * The feature's quantile bins (empty bins left out). Contexts in `exclude` (e.g. its top
   * list) are only chosen when a bin has too few others.
   */
  bins(feature: number, exclude: ReadonlySet<number> = new Set()): QuantileBin[] {
    return quantileBins(this.reservoir(feature), this.binCount, this.perBin, exclude);
  }
}

/** A seeded 32-bit hash of (feature, context): murmur3's mixing steps. */
export function sampleKey(seed: number, feature: number, contextIndex: number): number {
  let h = mixRound(seed | 0, feature);
  h = mixRound(h, contextIndex);
  h ^= 8;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mixRound(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
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

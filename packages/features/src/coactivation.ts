import type { SparseCodes } from './sparse-codes.ts';

export interface CoactivationOptions {
  /**
   * Partners counted per feature (default 64). Memory is width × 2·capacity slots × 12 bytes:
   * 24 MiB at 16k features, where exact width² counts would take 1 GiB.
   */
  capacity?: number;
}

export interface CoactivationFinishOptions {
  /** Partners kept per feature (default 10). */
  count?: number;
  /** Fewer shared tokens than this is noise, not a partner (default 2). */
  minTokens?: number;
}

export interface CoactivationNeighbour {
  /** The partner's feature index. */
  index: number;
  /** Jaccard index over tokens: shared / (tokens either fires on). */
  jaccard: number;
  /** P(partner fires | this feature fires). */
  conditional: number;
  /** Tokens on which both fired (a lower bound once the sketch has dropped counts; see `CoactivationCounter`). */
  sharedTokens: number;
}

/** A counter's whole content as typed arrays (to carry a shard's pass between processes). */
export interface CoactivationState {
  width: number;
  capacity: number;
  /** Per feature, `2^⌈log2(2·capacity)⌉` hash slots of partner index (-1: empty) and count. */
  keys: Int32Array;
  counts: Float64Array;
  dropped: Float64Array;
  firing: Float64Array;
}

const EMPTY = -1;
const HASH_MULTIPLIER = 0x9e3779b1;

/**
 * Most co-activating partners of every feature, in one streaming pass over sparse codes with
 * memory bounded by the width: each feature keeps a Misra–Gries heavy-hitters summary of the
 * features that fire on the same token (an open-addressing table of `capacity` entries).
 *
 * Error: while a feature has seen at most `capacity` distinct partners its counts are exact.
 * Beyond that, an overflow subtracts the median count from all of its counters (batched
 * Misra–Gries, see `shrink`), so every estimate is a lower bound, short of the true count by at
 * most `droppedCounts(i)` ≤ (pair events of i) / (capacity / 2); a partner sharing more tokens
 * than that is never lost.
 * `merge` sums the summaries and prunes back to `capacity` (Agarwal et al., "Mergeable
 * summaries", 2012): exact when no summary overflowed, otherwise the same bound holds for the
 * merged counts, but they may differ from a single unsharded pass within that bound.
 */
export class CoactivationCounter {
  readonly capacity: number;
  private readonly slots: number;
  private readonly shift: number;
  private readonly keys: Int32Array;
  private readonly counts: Float64Array;
  private readonly sizes: Int32Array;
  private readonly dropped: Float64Array;
  private readonly firing: Float64Array;
  private readonly active: Int32Array;
  // Scratch space for `shrink`, so overflows allocate nothing.
  private readonly scratchKeys: Int32Array;
  private readonly scratchCounts: Float64Array;
  private readonly sortedCounts: Float64Array;

  constructor(
    readonly width: number,
    options: CoactivationOptions = {},
  ) {
    const capacity = options.capacity ?? 64;
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Co-activation capacity must be a positive integer, got ${capacity}.`);
    this.capacity = capacity;
    // A power of two at least twice the capacity keeps linear probes short (load ≤ 0.5).
    const bits = Math.max(1, Math.ceil(Math.log2(capacity * 2)));
    this.slots = 2 ** bits;
    this.shift = 32 - bits;
    this.keys = new Int32Array(width * this.slots).fill(EMPTY);
    this.counts = new Float64Array(width * this.slots);
    this.sizes = new Int32Array(width);
    this.dropped = new Float64Array(width);
    this.firing = new Float64Array(width);
    this.active = new Int32Array(width);
    this.scratchKeys = new Int32Array(this.slots);
    this.scratchCounts = new Float64Array(this.slots);
    this.sortedCounts = new Float64Array(this.slots);
  }

  /** Counts co-firing pairs on tokens [firstRow, firstRow + length) of `codes` (value > 0 fires). */
  addRows(codes: SparseCodes, firstRow: number, length: number): void {
    const { indices, values, k } = codes;
    for (let row = firstRow; row < firstRow + length; row += 1) {
      let active = 0;
      for (let slot = 0; slot < k; slot += 1) {
        if (values[row * k + slot]! > 0) this.active[active++] = indices[row * k + slot]!;
      }
      for (let a = 0; a < active; a += 1) {
        const feature = this.active[a]!;
        this.firing[feature]! += 1;
        for (let b = 0; b < active; b += 1) if (b !== a) this.increment(feature, this.active[b]!, 1);
      }
    }
  }

  /** Tokens on which `feature` fired. */
  firingCount(feature: number): number {
    return this.firing[feature]!;
  }

  /** The most any of `feature`'s estimates can fall short of the true shared-token count. */
  droppedCounts(feature: number): number {
    return this.dropped[feature]!;
  }

  /** Estimated tokens on which both fired: the larger of the two summaries' lower bounds. */
  sharedTokens(a: number, b: number): number {
    return Math.max(this.lookup(a, b), this.lookup(b, a));
  }

  toState(): CoactivationState {
    const { width, capacity, keys, counts, dropped, firing } = this;
    return { width, capacity, keys, counts, dropped, firing };
  }

  static fromState(state: CoactivationState): CoactivationCounter {
    const counter = new CoactivationCounter(state.width, { capacity: state.capacity });
    if (state.keys.length !== counter.keys.length || state.counts.length !== counter.counts.length) {
      throw new Error(`Co-activation state of ${state.keys.length} slots does not fit width ${state.width} × capacity ${state.capacity}.`);
    }
    counter.keys.set(state.keys);
    counter.counts.set(state.counts);
    counter.dropped.set(state.dropped);
    counter.firing.set(state.firing);
    for (let feature = 0; feature < state.width; feature += 1) counter.sizes[feature] = counter.entries(feature).length;
    return counter;
  }

  /** Adds another counter's pass (another shard of the same SAE's tokens) into this one. */
  merge(other: CoactivationCounter): void {
    if (other.width !== this.width || other.capacity !== this.capacity) {
      throw new Error(`Cannot merge co-activation counters of width/capacity ${other.width}/${other.capacity} into ${this.width}/${this.capacity}.`);
    }
    for (let feature = 0; feature < this.width; feature += 1) {
      this.firing[feature]! += other.firing[feature]!;
      this.dropped[feature]! += other.dropped[feature]!;
      if (other.sizes[feature] === 0) continue;
      const combined = new Map(this.entries(feature));
      for (const [partner, count] of other.entries(feature)) combined.set(partner, (combined.get(partner) ?? 0) + count);
      let cut = 0;
      if (combined.size > this.capacity) {
        cut = [...combined.values()].sort((x, y) => y - x)[this.capacity]!;
        this.dropped[feature]! += cut;
      }
      this.rebuild(feature, [...combined].filter(([, count]) => count > cut).map(([partner, count]) => [partner, count - cut]));
    }
  }

  /** The `count` partners of each feature with the highest Jaccard index, best first (ties: lower index). */
  finish(options: CoactivationFinishOptions = {}): CoactivationNeighbour[][] {
    const count = options.count ?? 10;
    const minTokens = options.minTokens ?? 2;
    return Array.from({ length: this.width }, (_, feature) => {
      const fired = this.firing[feature]!;
      const partners: CoactivationNeighbour[] = [];
      for (const [partner] of this.entries(feature)) {
        const shared = this.sharedTokens(feature, partner);
        if (shared < minTokens) continue;
        const union = fired + this.firing[partner]! - shared;
        partners.push({ index: partner, jaccard: shared / union, conditional: shared / fired, sharedTokens: shared });
      }
      partners.sort((x, y) => y.jaccard - x.jaccard || x.index - y.index);
      return partners.slice(0, count);
    });
  }

  private entries(feature: number): [number, number][] {
    const out: [number, number][] = [];
    const base = feature * this.slots;
    for (let slot = base; slot < base + this.slots; slot += 1) {
      if (this.keys[slot] !== EMPTY) out.push([this.keys[slot]!, this.counts[slot]!]);
    }
    return out;
  }

  private slotOf(feature: number, partner: number): number {
    const base = feature * this.slots;
    let slot = Math.imul(partner, HASH_MULTIPLIER) >>> this.shift;
    while (this.keys[base + slot] !== EMPTY && this.keys[base + slot] !== partner) slot = (slot + 1) & (this.slots - 1);
    return base + slot;
  }

  private lookup(feature: number, partner: number): number {
    const slot = this.slotOf(feature, partner);
    return this.keys[slot] === partner ? this.counts[slot]! : 0;
  }

  private increment(feature: number, partner: number, amount: number): void {
    const slot = this.slotOf(feature, partner);
    if (this.keys[slot] === partner) {
      this.counts[slot]! += amount;
    } else if (this.sizes[feature]! < this.capacity) {
      this.keys[slot] = partner;
      this.counts[slot] = amount;
      this.sizes[feature]! += 1;
    } else {
      this.shrink(feature);
    }
  }

  /**
   * Misra–Gries overflow, batched so it runs once per capacity/2 newcomers rather than once per
   * newcomer: every counter (and the newcomer, whose count is below it) loses the median count v,
   * and the half at or below it leave. Each such step takes ≥ (capacity/2)·v pair events out of
   * the summary, so the total dropped is at most (pair events) / (capacity/2).
   */
  private shrink(feature: number): void {
    const base = feature * this.slots;
    let size = 0;
    for (let slot = base; slot < base + this.slots; slot += 1) {
      if (this.keys[slot] !== EMPTY) {
        this.scratchKeys[size] = this.keys[slot]!;
        this.scratchCounts[size] = this.counts[slot]!;
        size += 1;
      }
    }
    this.sortedCounts.set(this.scratchCounts.subarray(0, size));
    const sorted = this.sortedCounts.subarray(0, size).sort();
    const cut = sorted[size - Math.ceil(this.capacity / 2)]!;
    this.dropped[feature]! += cut;
    this.keys.fill(EMPTY, base, base + this.slots);
    this.counts.fill(0, base, base + this.slots);
    this.sizes[feature] = 0;
    for (let i = 0; i < size; i += 1) {
      const count = this.scratchCounts[i]! - cut;
      if (count <= 0) continue;
      const slot = this.slotOf(feature, this.scratchKeys[i]!);
      this.keys[slot] = this.scratchKeys[i]!;
      this.counts[slot] = count;
      this.sizes[feature]! += 1;
    }
  }

  private rebuild(feature: number, entries: [number, number][]): void {
    const base = feature * this.slots;
    this.keys.fill(EMPTY, base, base + this.slots);
    this.counts.fill(0, base, base + this.slots);
    this.sizes[feature] = 0;
    for (const [partner, count] of entries) {
      const slot = this.slotOf(feature, partner);
      this.keys[slot] = partner;
      this.counts[slot] = count;
      this.sizes[feature]! += 1;
    }
  }
}

import type { SparseCodes } from './sparse-codes.ts';
import { FeaturesError } from './features-error.ts';

export interface CoactivationOptions {
  /**
   * Bytes the pair-count triangle may take (default 256 MiB). Counts are Uint32 when
   * width·(width−1)/2·4 bytes fit (up to width 11,585), else Uint16 saturating at 65,535 when
   * half that fits (up to width 16,384 → 256 MiB, which keeps a 16k statistics pass under 2 GB),
   * else not counted at all (`bytesPerPair` 0: every feature gets no partners) rather than
   * growing with width² (65k features would need 4 GiB, 131k more than one typed array holds).
   */
  memoryBudgetBytes?: number;
  /** Count only contexts whose index % every == 0 (pairs and firing alike; default 1: all). */
  every?: number;
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
  /** Tokens on which both fired (exact; over the counted contexts when `every` > 1). */
  sharedTokens: number;
  /** Present (true) when the Uint16 count saturated at 65,535: the true count is at least that. */
  saturated?: true;
}

/** A counter's content with only the nonzero pairs (a dense triangle of hundreds of MiB is too big to ship). */
export interface CoactivationState {
  width: number;
  every: number;
  /** 2 (Uint16, saturating) or 4 (Uint32) bytes per pair; 0: pairs not counted (over the budget). */
  bytesPerPair: number;
  /**
   * Upper-triangle positions (see `pairIndex`) of the nonzero pairs as gaps: the first position,
   * then each minus the previous (small numbers, which the shard codec's gzip packs tightly).
   */
  pairGaps: Uint32Array;
  /** Each nonzero pair's count. */
  pairCounts: Uint32Array;
  firing: Float64Array;
}

export const DEFAULT_COACTIVATION_BUDGET_BYTES = 256 * 2 ** 20;
const UINT16_MAX = 65_535;

/** Pairs (i < j) of `width` features. */
export function pairCount(width: number): number {
  return (width * (width - 1)) / 2;
}

/** The most cells one typed array can hold here (V8: 2^32 elements). */
const MAX_CELLS = 2 ** 32;

/** Bytes per pair count for `width` features under `budgetBytes`: 4, 2 (saturating), or 0 (not counted). */
export function coactivationBytesPerPair(width: number, budgetBytes = DEFAULT_COACTIVATION_BUDGET_BYTES): 0 | 2 | 4 {
  const pairs = pairCount(width);
  if (pairs > MAX_CELLS) return 0;
  if (pairs * 4 <= budgetBytes) return 4;
  return pairs * 2 <= budgetBytes ? 2 : 0;
}

/**
 * Exact co-activation counts of every feature pair, in one streaming pass: a flat row-major upper
 * triangle (i < j) of counts, incremented for the k(k−1)/2 pairs of each token's sorted active
 * features, plus per-feature firing counts. `merge` adds elementwise, so shards merge exactly.
 * Past the memory budget the cells are Uint16 and saturate (flagged per partner in `finish`):
 * top partners of frequent features are then ranked by a capped count, an error we accept over
 * subsampling's because it touches only pairs sharing > 65,535 tokens and says so.
 */
export class CoactivationCounter {
  readonly every: number;
  readonly bytesPerPair: 0 | 2 | 4;
  private readonly cells: Uint16Array | Uint32Array;
  private readonly firing: Float64Array;
  /** rowStart[i] + j is the cell of pair (i, j), j > i. */
  private readonly rowStart: Float64Array;
  private readonly active: Int32Array;

  constructor(
    readonly width: number,
    options: CoactivationOptions = {},
  ) {
    const every = options.every ?? 1;
    if (!Number.isInteger(every) || every < 1) throw new FeaturesError(`Co-activation option every must be a whole number of at least 1, got ${every}.`);
    if (!Number.isInteger(width) || width < 1) throw new FeaturesError(`Co-activation width must be a whole number of at least 1, got ${width}.`);
    this.every = every;
    this.bytesPerPair = coactivationBytesPerPair(width, options.memoryBudgetBytes);
    const cells = this.bytesPerPair === 0 ? 0 : pairCount(width);
    this.cells = this.bytesPerPair === 4 ? new Uint32Array(cells) : new Uint16Array(cells);
    this.firing = new Float64Array(width);
    this.rowStart = Float64Array.from({ length: width }, (_, i) => i * (width - 1) - (i * (i - 1)) / 2 - i - 1);
    this.active = new Int32Array(width);
  }

  /** Position of pair (a, b), a ≠ b, in the triangle. */
  pairIndex(a: number, b: number): number {
    return a < b ? this.rowStart[a]! + b : this.rowStart[b]! + a;
  }

  /**
   * Counts co-firing pairs on tokens [firstRow, firstRow + length) of `codes` (value > 0 fires),
   * which belong to context `contextIndex` (skipped unless contextIndex % every == 0).
   */
  addRows(codes: SparseCodes, firstRow: number, length: number, contextIndex = 0): void {
    if (contextIndex % this.every !== 0 || this.bytesPerPair === 0) return;
    const { indices, values, k } = codes;
    const { active, cells, rowStart, firing, width } = this;
    const saturating = this.bytesPerPair === 2;
    for (let row = firstRow; row < firstRow + length; row += 1) {
      // Insertion sort of the (≤ ~64) active features, dropping duplicates.
      let count = 0;
      for (let slot = row * k; slot < row * k + k; slot += 1) {
        if (!(values[slot]! > 0)) continue;
        const feature = indices[slot]!;
        if (feature < 0 || feature >= width) throw new Error(`Feature index ${feature} is outside the SAE width ${width}.`);
        let at = count;
        while (at > 0 && active[at - 1]! > feature) at -= 1;
        if (at > 0 && active[at - 1] === feature) continue;
        active.copyWithin(at + 1, at, count);
        active[at] = feature;
        count += 1;
      }
      for (let a = 0; a < count; a += 1) {
        const feature = active[a]!;
        firing[feature]! += 1;
        const start = rowStart[feature]!;
        if (saturating) {
          for (let b = a + 1; b < count; b += 1) {
            const cell = start + active[b]!;
            if (cells[cell]! < UINT16_MAX) cells[cell]! += 1;
          }
        } else {
          for (let b = a + 1; b < count; b += 1) cells[start + active[b]!]! += 1;
        }
      }
    }
  }

  /** Tokens on which `feature` fired (in the counted contexts). */
  firingCount(feature: number): number {
    return this.firing[feature]!;
  }

  /** Tokens on which both fired (in the counted contexts). */
  sharedTokens(a: number, b: number): number {
    return a === b ? this.firing[a]! : this.cells[this.pairIndex(a, b)]!;
  }

  toState(): CoactivationState {
    let nonzero = 0;
    for (let cell = 0; cell < this.cells.length; cell += 1) if (this.cells[cell] !== 0) nonzero += 1;
    const pairGaps = new Uint32Array(nonzero);
    const pairCounts = new Uint32Array(nonzero);
    let at = 0;
    let previous = 0;
    for (let cell = 0; cell < this.cells.length; cell += 1) {
      if (this.cells[cell] === 0) continue;
      pairGaps[at] = cell - previous;
      pairCounts[at] = this.cells[cell]!;
      previous = cell;
      at += 1;
    }
    const { width, every, bytesPerPair, firing } = this;
    return { width, every, bytesPerPair, pairGaps, pairCounts, firing: firing.slice() };
  }

  static fromState(state: CoactivationState): CoactivationCounter {
    // The budget that gives the state's own bytes per pair.
    const memoryBudgetBytes = state.bytesPerPair === 4 ? Infinity : state.bytesPerPair * pairCount(state.width);
    const counter = new CoactivationCounter(state.width, { every: state.every, memoryBudgetBytes });
    counter.mergeState(state);
    return counter;
  }

  /** `merge` of a `toState()` without building a second triangle (a shard's state at the coordinator). */
  mergeState(state: CoactivationState): void {
    if (state.width !== this.width || state.every !== this.every || state.bytesPerPair !== this.bytesPerPair) {
      throw new Error(`Cannot merge co-activation counters of width/every/bytes per pair ${state.width}/${state.every}/${state.bytesPerPair} into ${this.width}/${this.every}/${this.bytesPerPair}.`);
    }
    if (state.pairGaps.length !== state.pairCounts.length || state.firing.length !== state.width) {
      throw new Error(`Co-activation state is inconsistent: ${state.pairGaps.length} pair positions, ${state.pairCounts.length} counts, ${state.firing.length} firing counts for width ${state.width}.`);
    }
    const cap = this.bytesPerPair === 2 ? UINT16_MAX : Infinity;
    let cell = 0;
    for (let at = 0; at < state.pairGaps.length; at += 1) {
      cell += state.pairGaps[at]!;
      if (cell >= this.cells.length) throw new Error(`Co-activation state pair position ${cell} is outside the ${this.cells.length} pairs of width ${state.width}.`);
      this.cells[cell] = Math.min(cap, this.cells[cell]! + state.pairCounts[at]!);
    }
    for (let feature = 0; feature < this.width; feature += 1) this.firing[feature]! += state.firing[feature]!;
  }

  /** Adds another counter's pass (another shard of the same SAE's tokens): elementwise, exact. */
  merge(other: CoactivationCounter): void {
    if (other.width !== this.width || other.every !== this.every || other.bytesPerPair !== this.bytesPerPair) {
      throw new Error(`Cannot merge co-activation counters of width/every/bytes per pair ${other.width}/${other.every}/${other.bytesPerPair} into ${this.width}/${this.every}/${this.bytesPerPair}.`);
    }
    const cap = this.bytesPerPair === 2 ? UINT16_MAX : Infinity;
    for (let cell = 0; cell < this.cells.length; cell += 1) {
      if (other.cells[cell] !== 0) this.cells[cell] = Math.min(cap, this.cells[cell]! + other.cells[cell]!);
    }
    for (let feature = 0; feature < this.width; feature += 1) this.firing[feature]! += other.firing[feature]!;
  }

  /**
   * The `count` partners of each feature with the highest Jaccard index, best first (ties: lower
   * index). One sequential pass over the triangle offers each pair to both features' bounded
   * lists, so the strided column of a feature is never walked.
   */
  finish(options: CoactivationFinishOptions = {}): CoactivationNeighbour[][] {
    const count = options.count ?? 10;
    const minTokens = Math.max(1, options.minTokens ?? 2);
    const { width, cells, firing } = this;
    if (this.bytesPerPair === 0) return Array.from({ length: width }, () => []);
    const best = new BoundedPartners(width, count);
    let cell = 0;
    for (let i = 0; i < width; i += 1) {
      for (let j = i + 1; j < width; j += 1, cell += 1) {
        const shared = cells[cell]!;
        if (shared < minTokens) continue;
        const jaccard = shared / (firing[i]! + firing[j]! - shared);
        best.offer(i, j, jaccard);
        best.offer(j, i, jaccard);
      }
    }
    const saturating = this.bytesPerPair === 2;
    return Array.from({ length: width }, (_, feature) => best.list(feature).map(({ index, jaccard }) => {
      const shared = this.sharedTokens(feature, index);
      const neighbour: CoactivationNeighbour = { index, jaccard, conditional: shared / firing[feature]!, sharedTokens: shared };
      if (saturating && shared === UINT16_MAX) neighbour.saturated = true;
      return neighbour;
    }));
  }
}

/** Per feature, the `count` best (jaccard desc, index asc) partners, kept sorted in flat arrays. */
class BoundedPartners {
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private readonly sizes: Int32Array;

  constructor(width: number, private readonly count: number) {
    this.indices = new Int32Array(width * count);
    this.scores = new Float64Array(width * count);
    this.sizes = new Int32Array(width);
  }

  offer(feature: number, partner: number, jaccard: number): void {
    const { count, scores, indices } = this;
    const base = feature * count;
    const size = this.sizes[feature]!;
    if (count === 0) return;
    if (size === count) {
      const last = base + size - 1;
      if (jaccard < scores[last]! || (jaccard === scores[last]! && partner > indices[last]!)) return;
    }
    let at = base + Math.min(size, count - 1);
    while (at > base && (jaccard > scores[at - 1]! || (jaccard === scores[at - 1]! && partner < indices[at - 1]!))) {
      scores[at] = scores[at - 1]!;
      indices[at] = indices[at - 1]!;
      at -= 1;
    }
    scores[at] = jaccard;
    indices[at] = partner;
    if (size < count) this.sizes[feature] = size + 1;
  }

  list(feature: number): { index: number; jaccard: number }[] {
    const base = feature * this.count;
    return Array.from({ length: this.sizes[feature]! }, (_, at) => ({ index: this.indices[base + at]!, jaccard: this.scores[base + at]! }));
  }
}

import type { NeighbourGraph } from './atlas-map.ts';
import { denseTopK } from './dense-topk.ts';
import { FeaturesError } from './features-error.ts';
import type { SparseCodes } from './sparse-codes.ts';

/** The profiles' memory cap: width × dims Float32 (16k features keep 4,096 token dimensions). */
const PROFILE_BUDGET_BYTES = 256 * 2 ** 20;

/**
 * Which tokens each feature fires on: a width × dims count matrix (token id modulo dims, so a
 * vocabulary past the memory budget folds onto fewer columns). Features that read the same words
 * (whale / whales / Ahab, or every comma) get similar profiles, which the decoder directions of a
 * small SAE do not show (docs/benchmarks.md, issue 14).
 */
export class TokenProfiles {
  readonly dims: number;
  private readonly counts: Float32Array;
  private readonly tokenTotals: Float64Array;
  private rowsSeen = 0;

  constructor(readonly width: number, vocabSize: number, budgetBytes = PROFILE_BUDGET_BYTES) {
    if (!Number.isInteger(width) || width < 1 || !Number.isInteger(vocabSize) || vocabSize < 1) {
      throw new FeaturesError(`Token profiles need a whole width and vocabulary size of at least 1, got ${width} and ${vocabSize}.`);
    }
    this.dims = Math.max(1, Math.min(vocabSize, Math.floor(budgetBytes / (4 * width))));
    this.counts = new Float32Array(width * this.dims);
    this.tokenTotals = new Float64Array(this.dims);
  }

  /** Adds `count` rows of codes (value > 0 fires) whose tokens are `tokenIds[first ..]`. */
  addRows(codes: SparseCodes, tokenIds: ArrayLike<number>, first: number, count: number): void {
    const { indices, values, k } = codes;
    for (let row = 0; row < count; row += 1) {
      const column = tokenIds[first + row]! % this.dims;
      this.tokenTotals[column]! += 1;
      for (let slot = row * k; slot < row * k + k; slot += 1) {
        if (values[slot]! > 0) this.counts[indices[slot]! * this.dims + column]! += 1;
      }
    }
    this.rowsSeen += count;
  }

  /**
   * The kNN graph of the profiles, tf-idf weighted (a token every feature fires on says little)
   * and compared by cosine. Features that never fired have no profile: their rows, and their
   * places in others' rows, come from `fallback` (the decoder's cosine graph, same k).
   */
  async graph(fallback: NeighbourGraph, threads?: number): Promise<NeighbourGraph> {
    const { width, dims, counts } = this;
    const { k } = fallback;
    if (fallback.indices.length !== width * k) {
      throw new FeaturesError(`The fallback graph has ${fallback.indices.length / k} rows for ${width} features; build both from the same SAE.`);
    }
    const live: number[] = [];
    for (let f = 0; f < width; f += 1) {
      let any = false;
      for (let c = f * dims; c < (f + 1) * dims && !any; c += 1) any = counts[c]! > 0;
      if (any) live.push(f);
    }
    const indices = new Int32Array(fallback.indices);
    const distances = new Float32Array(fallback.distances);
    if (live.length <= k) return { k, indices, distances };
    const idf = Float32Array.from(this.tokenTotals, (n) => (n > 0 ? Math.log(this.rowsSeen / n) : 0));
    const weighted = new Float32Array(live.length * dims);
    live.forEach((f, row) => {
      for (let c = 0; c < dims; c += 1) weighted[row * dims + c] = counts[f * dims + c]! * idf[c]!;
    });
    const { top } = await denseTopK({ a: weighted, b: weighted, inner: dims, k, normalise: true, ...(threads ? { threads } : {}) });
    live.forEach((f, row) => {
      // The feature itself first (distance 0), as UMAP expects, then its nearest others.
      indices[f * k] = f;
      distances[f * k] = 0;
      let slot = 1;
      for (let r = 0; r < k && slot < k; r += 1) {
        const other = live[top.indices[row * k + r]!]!;
        if (other === f) continue;
        indices[f * k + slot] = other;
        distances[f * k + slot] = Math.max(0, 1 - top.values[row * k + r]!);
        slot += 1;
      }
    });
    return { k, indices, distances };
  }
}

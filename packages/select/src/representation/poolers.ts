import { createEncoder, type SaeWeights } from '@atlas/sae';
import { sparsify, type SparseVector } from './sparse-vector.ts';

/**
 * Turns a hook's per-token activations into one vector per text: the mean over the text's
 * tokens (MONA: a sum would favour long samples), across all its windows.
 */
export interface Pooler {
  readonly kind: 'sae' | 'hidden';
  readonly dimensions: number;
  /** Starts a group of `count` texts (slots 0 … count − 1). */
  begin(count: number): void;
  /** Adds `rows` rows of activations ([rows, dIn]); row r belongs to text `owners[r]`. */
  add(activations: Float32Array, rows: number, owners: Int32Array): Promise<void>;
  /** Each text's mean vector (sum ÷ its token count), keeping the `cap` largest entries (0: all). */
  finish(tokenCounts: ArrayLike<number>): SparseVector[];
  close(): Promise<void>;
}

/** Sums per text, allocated when a text gets its first row. */
class Sums {
  #sums: (Float32Array | undefined)[] = [];
  constructor(readonly dimensions: number) {}
  begin(count: number) {
    this.#sums = new Array(count);
  }
  of(owner: number): Float32Array {
    return (this.#sums[owner] ??= new Float32Array(this.dimensions));
  }
  means(tokenCounts: ArrayLike<number>, cap: number): SparseVector[] {
    return this.#sums.map((sum, owner) => {
      const dense = sum ?? new Float32Array(this.dimensions);
      const scale = 1 / Math.max(1, tokenCounts[owner]!);
      for (let i = 0; i < dense.length; i++) dense[i]! *= scale;
      return sparsify(dense, cap);
    });
  }
}

/** SAE codes (every architecture, through `createEncoder`), mean-pooled. */
export async function saePooler(sae: SaeWeights, options: { cap: number; batchSize?: number }): Promise<Pooler> {
  const encoder = await createEncoder(sae, { batchSize: options.batchSize ?? 4096 });
  const sums = new Sums(sae.cfg.width);
  return {
    kind: 'sae',
    dimensions: sae.cfg.width,
    begin: (count) => sums.begin(count),
    async add(activations, rows, owners) {
      const { indices, values } = await encoder.encode(activations, rows);
      const slots = encoder.slots;
      for (let r = 0; r < rows; r++) {
        const sum = sums.of(owners[r]!);
        for (let s = r * slots; s < (r + 1) * slots; s++) {
          const value = values[s]!;
          if (value > 0) sum[indices[s]!]! += value;
        }
      }
    },
    finish: (tokenCounts) => sums.means(tokenCounts, options.cap),
    close: () => encoder.close(),
  };
}

/**
 * Raw hidden states of the same hook, mean-pooled (the paper's ablation). Each token's vector
 * x is split into [max(x, 0), max(−x, 0)] (2 × d_in, non-negative) before pooling, so
 * generalized Jaccard, defined for non-negative vectors, scores it as it scores SAE codes.
 */
export function hiddenPooler(dIn: number): Pooler {
  const sums = new Sums(2 * dIn);
  return {
    kind: 'hidden',
    dimensions: 2 * dIn,
    begin: (count) => sums.begin(count),
    async add(activations, rows, owners) {
      for (let r = 0; r < rows; r++) {
        const sum = sums.of(owners[r]!);
        const base = r * dIn;
        for (let i = 0; i < dIn; i++) {
          const x = activations[base + i]!;
          if (x > 0) sum[i]! += x;
          else sum[dIn + i]! -= x;
        }
      }
    },
    finish: (tokenCounts) => sums.means(tokenCounts, 0),
    close: async () => {},
  };
}

/**
 * A sample's representation: the stored (largest) entries of a non-negative or signed vector,
 * indices ascending. `total` and `nnz` describe the whole vector before the stored entries were
 * capped, so Σ max(a, b) of generalized Jaccard stays exact: Σ max = Σ a + Σ b − Σ min.
 */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
  /** Σ values of the whole vector. */
  total: number;
  /** Non-zero entries of the whole vector. */
  nnz: number;
}

/**
 * The `cap` largest-magnitude entries of a dense vector as a sparse one (indices ascending);
 * `cap` 0 keeps every non-zero entry.
 */
export function sparsify(dense: Float32Array, cap = 0): SparseVector {
  let nnz = 0;
  let total = 0;
  for (let i = 0; i < dense.length; i++) {
    const v = dense[i]!;
    if (v !== 0) {
      nnz++;
      total += v;
    }
  }
  let keep: Uint32Array = new Uint32Array(nnz);
  for (let i = 0, j = 0; i < dense.length; i++) if (dense[i] !== 0) keep[j++] = i;
  if (cap > 0 && nnz > cap) {
    const byMagnitude = Array.from(keep).sort((a, b) => Math.abs(dense[b]!) - Math.abs(dense[a]!) || a - b);
    keep = Uint32Array.from(byMagnitude.slice(0, cap)).sort();
  }
  const values = new Float32Array(keep.length);
  for (let j = 0; j < keep.length; j++) values[j] = dense[keep[j]!]!;
  return { indices: keep, values, total, nnz };
}

/** Every entry of a dense vector (embeddings, hidden states) as a sparse vector. */
export function denseVector(values: Float32Array): SparseVector {
  const indices = new Uint32Array(values.length);
  let total = 0;
  let nnz = 0;
  for (let i = 0; i < values.length; i++) {
    indices[i] = i;
    total += values[i]!;
    if (values[i] !== 0) nnz++;
  }
  return { indices, values, total, nnz };
}

/** The mean of vectors of `dimensions` as a dense array (a prototype). */
export function meanDense(vectors: readonly SparseVector[], dimensions: number): Float32Array {
  const sum = new Float64Array(dimensions);
  for (const vector of vectors) {
    for (let j = 0; j < vector.indices.length; j++) sum[vector.indices[j]!]! += vector.values[j]!;
  }
  const mean = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) mean[i] = sum[i]! / Math.max(vectors.length, 1);
  return mean;
}

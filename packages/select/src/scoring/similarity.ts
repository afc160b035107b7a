import type { SparseVector } from '../representation/sparse-vector.ts';

export type Similarity = 'jaccard' | 'cosine';

/** A target (the prototype, or one target example) held dense for O(nnz) scoring of sparse samples. */
export interface DenseTarget {
  values: Float32Array;
  /** Σ values. */
  total: number;
  /** ‖values‖₂. */
  norm: number;
}

export function denseTarget(values: Float32Array): DenseTarget {
  let total = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i]!;
    squares += values[i]! * values[i]!;
  }
  return { values, total, norm: Math.sqrt(squares) };
}

/**
 * Generalized Jaccard Σ min(a, b) / Σ max(a, b) of a non-negative sparse sample and a dense
 * target, in O(nnz(a)): min is 0 off a's support, and Σ max = Σ a + Σ b − Σ min. `a.total` is
 * the sum of the whole sample vector, so entries not stored (capped) still count in Σ max.
 */
export function generalizedJaccard(a: SparseVector, target: DenseTarget): number {
  const { indices, values } = a;
  const b = target.values;
  let mins = 0;
  for (let j = 0; j < indices.length; j++) {
    const x = values[j]!;
    const y = b[indices[j]!]!;
    mins += x < y ? x : y;
  }
  const maxes = a.total + target.total - mins;
  return maxes > 0 ? mins / maxes : 0;
}

/** Cosine of a sparse sample and a dense target (the sample's norm over its stored entries). */
export function cosine(a: SparseVector, target: DenseTarget): number {
  const { indices, values } = a;
  const b = target.values;
  let dot = 0;
  let squares = 0;
  for (let j = 0; j < indices.length; j++) {
    const x = values[j]!;
    dot += x * b[indices[j]!]!;
    squares += x * x;
  }
  const norms = Math.sqrt(squares) * target.norm;
  return norms > 0 ? dot / norms : 0;
}

export const SIMILARITIES: Record<Similarity, (a: SparseVector, target: DenseTarget) => number> = {
  jaccard: generalizedJaccard,
  cosine,
};

/**
 * Each stored feature's part of the score against one target: min(a_i, b_i) / Σ max for
 * Jaccard, a_i·b_i / (‖a‖‖b‖) for cosine (the parts sum to the score); the `top` largest.
 */
export function featureContributions(a: SparseVector, target: DenseTarget, similarity: Similarity, top: number): { indices: number[]; contributions: number[] } {
  const { indices, values } = a;
  const b = target.values;
  const parts = new Float64Array(indices.length);
  let mins = 0;
  let squares = 0;
  for (let j = 0; j < indices.length; j++) {
    const x = values[j]!;
    const y = b[indices[j]!]!;
    parts[j] = similarity === 'jaccard' ? Math.min(x, y) : x * y;
    mins += Math.min(x, y);
    squares += x * x;
  }
  const scale = similarity === 'jaccard' ? 1 / (a.total + target.total - mins || 1) : 1 / (Math.sqrt(squares) * target.norm || 1);
  const order = Array.from(parts.keys()).filter((j) => parts[j]! > 0).sort((x, y) => parts[y]! - parts[x]! || x - y).slice(0, top);
  return { indices: order.map((j) => indices[j]!), contributions: order.map((j) => parts[j]! * scale) };
}

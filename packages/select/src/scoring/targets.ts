import { SelectError } from '../errors.ts';
import { meanDense, type SparseVector } from '../representation/sparse-vector.ts';
import { denseTarget, SIMILARITIES, type DenseTarget, type Similarity } from './similarity.ts';

/** Score against the mean of the targets (MONA's prototype), or the best of the targets one by one. */
export type Aggregation = 'prototype' | 'max';

export interface TargetSet {
  targets: DenseTarget[];
  aggregation: Aggregation;
  similarity: Similarity;
  dimensions: number;
}

export function targetSet(vectors: readonly SparseVector[], dimensions: number, aggregation: Aggregation, similarity: Similarity): TargetSet {
  if (vectors.length === 0) throw new SelectError('The target set is empty; give at least one target example.');
  const targets = aggregation === 'prototype' ? [denseTarget(meanDense(vectors, dimensions))] : vectors.map((v) => denseTarget(meanDense([v], dimensions)));
  return { targets, aggregation, similarity, dimensions };
}

/** The sample's score and the index of the target that gave it (always 0 for a prototype). */
export function scoreSample(sample: SparseVector, set: TargetSet): { score: number; target: number } {
  const similarity = SIMILARITIES[set.similarity];
  let best = -Infinity;
  let target = 0;
  for (let t = 0; t < set.targets.length; t++) {
    const score = similarity(sample, set.targets[t]!);
    if (score > best) {
      best = score;
      target = t;
    }
  }
  return { score: best, target };
}

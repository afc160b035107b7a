import { SelectError } from '../errors.ts';

/**
 * How many samples a ratio or count keeps of a pool: a ratio in (0, 1] (rounded, at least
 * one) or a count from 1 to the pool's size. Exactly one may be given; neither means 5%.
 */
export function selectionSize(poolSize: number, options: { ratio?: number | null; count?: number | null }): number {
  const { ratio, count } = options;
  if (ratio != null && count != null) throw new SelectError('Give a ratio or a count, not both.');
  if (count != null) {
    if (!Number.isSafeInteger(count) || count < 1) throw new SelectError(`count must be a positive integer, got ${count}.`);
    if (count > poolSize) throw new SelectError(`count ${count} is larger than the pool (${poolSize} samples); give at most ${poolSize}, or a ratio.`);
    return count;
  }
  const r = ratio ?? DEFAULT_RATIO;
  checkRatio(r);
  return Math.max(1, Math.round(r * poolSize));
}

export const DEFAULT_RATIO = 0.05;

export function checkRatio(ratio: number): void {
  if (!(Number.isFinite(ratio) && ratio > 0 && ratio <= 1)) {
    throw new SelectError(`ratio must be in (0, 1] (e.g. 0.05 for 5%), got ${ratio}.`);
  }
}

/**
 * Positions of the `n` highest scores, best first. Ties are broken by a seeded hash of the
 * sample id, not by pool order, so equal scores (BM25's zeros) do not favour early samples.
 */
export function topScores(scores: Float32Array, sampleIds: ArrayLike<number>, n: number, seed: number): Uint32Array {
  const order = new Uint32Array(scores.length);
  const ties = new Float64Array(scores.length);
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
    ties[i] = seededUnit(sampleIds[i]!, seed);
  }
  order.sort((a, b) => scores[b]! - scores[a]! || ties[a]! - ties[b]!);
  return order.slice(0, n);
}

/** A uniform number in [0, 1) from an integer and a seed (splitmix-style mixing). */
export function seededUnit(value: number, seed: number): number {
  let h = Math.imul((value >>> 0) ^ Math.imul(seed + 0x9e3779b9, 0x85ebca6b), 0xc2b2ae35) ^ (value / 2 ** 32);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

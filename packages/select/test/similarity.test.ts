import { describe, expect, it } from 'vitest';
import { mulberry32 as mulberry } from '@atlas/random';
import {
  cosine,
  denseTarget,
  featureContributions,
  generalizedJaccard,
  scoreSample,
  selectionSize,
  sparsify,
  targetSet,
  topScores,
} from '../src/index.ts';

/** Σ min / Σ max over dense vectors: the definition, for comparison. */
function jaccardDense(a: Float32Array, b: Float32Array): number {
  let mins = 0;
  let maxes = 0;
  for (let i = 0; i < a.length; i++) {
    mins += Math.min(a[i]!, b[i]!);
    maxes += Math.max(a[i]!, b[i]!);
  }
  return mins / maxes;
}

function randomSparse(random: () => number, dims: number, density: number): Float32Array {
  return Float32Array.from({ length: dims }, () => (random() < density ? random() * 3 : 0));
}

describe('generalized Jaccard and cosine', () => {
  const random = mulberry(3);
  const a = randomSparse(random, 512, 0.1);
  const b = randomSparse(random, 512, 0.3);

  it('equals Σ min / Σ max of the dense vectors', () => {
    expect(generalizedJaccard(sparsify(a), denseTarget(b))).toBeCloseTo(jaccardDense(a, b), 6);
    expect(generalizedJaccard(sparsify(a), denseTarget(a))).toBeCloseTo(1, 6);
    expect(generalizedJaccard(sparsify(new Float32Array(8)), denseTarget(new Float32Array(8)))).toBe(0);
  });

  it('still counts capped entries in Σ max (the stored sum is the whole vector’s)', () => {
    const capped = sparsify(a, 10);
    const kept = new Float32Array(512);
    capped.indices.forEach((index, j) => (kept[index] = capped.values[j]!));
    // Σ min over kept entries only; Σ max over the whole vector.
    let mins = 0;
    let maxes = 0;
    for (let i = 0; i < 512; i++) {
      mins += Math.min(kept[i]!, b[i]!);
      maxes += Math.max(a[i]!, b[i]!) + Math.min(a[i]!, b[i]!) - Math.min(kept[i]!, b[i]!);
    }
    expect(generalizedJaccard(capped, denseTarget(b))).toBeCloseTo(mins / maxes, 6);
  });

  it('cosine equals the dense cosine', () => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < 512; i++) {
      dot += a[i]! * b[i]!;
      na += a[i]! ** 2;
      nb += b[i]! ** 2;
    }
    expect(cosine(sparsify(a), denseTarget(b))).toBeCloseTo(dot / Math.sqrt(na * nb), 6);
  });

  it('feature contributions sum to the score, largest first', () => {
    for (const similarity of ['jaccard', 'cosine'] as const) {
      const all = featureContributions(sparsify(a), denseTarget(b), similarity, 1000);
      const score = similarity === 'jaccard' ? generalizedJaccard(sparsify(a), denseTarget(b)) : cosine(sparsify(a), denseTarget(b));
      expect(all.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(score, 5);
      const top = featureContributions(sparsify(a), denseTarget(b), similarity, 3);
      expect(top.indices).toEqual(all.indices.slice(0, 3));
      expect(top.contributions[0]).toBeGreaterThanOrEqual(top.contributions[2]!);
    }
  });

  it('prototype scoring uses the targets’ mean; max scoring the best single target', () => {
    const t1 = sparsify(Float32Array.from([1, 0, 0, 0]));
    const t2 = sparsify(Float32Array.from([0, 0, 0, 1]));
    const sample = sparsify(Float32Array.from([0, 0, 0, 1]));
    const prototype = targetSet([t1, t2], 4, 'prototype', 'jaccard');
    expect(scoreSample(sample, prototype).score).toBeCloseTo(0.5 / 1.5, 6);
    const max = targetSet([t1, t2], 4, 'max', 'jaccard');
    expect(scoreSample(sample, max)).toEqual({ score: 1, target: 1 });
    expect(() => targetSet([], 4, 'prototype', 'jaccard')).toThrow(/target set is empty/);
  });
});

describe('top selection', () => {
  it('keeps the highest scores best first and breaks ties by a seeded hash, not pool order', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.9, 0, 0, 0, 0, 0, 0]);
    const ids = Float64Array.from(scores.keys(), (i) => 100 + i);
    const top = topScores(scores, ids, 3, 0);
    expect(new Set(Array.from(top.slice(0, 2)))).toEqual(new Set([1, 3]));
    expect(top[2]).toBe(2);
    const zeros = new Float32Array(1000);
    const zeroIds = Float64Array.from(zeros.keys());
    const picked = Array.from(topScores(zeros, zeroIds, 100, 1));
    expect(picked.filter((i) => i < 100).length).toBeLessThan(40);
    expect(Array.from(topScores(zeros, zeroIds, 100, 1))).toEqual(picked);
    expect(Array.from(topScores(zeros, zeroIds, 100, 2))).not.toEqual(picked);
  });

  it('sizes a selection by ratio (default 5%) or count and refuses bad ones', () => {
    expect(selectionSize(1000, {})).toBe(50);
    expect(selectionSize(1000, { ratio: 0.01 })).toBe(10);
    expect(selectionSize(10, { ratio: 0.01 })).toBe(1);
    expect(selectionSize(1000, { ratio: 1 })).toBe(1000);
    expect(selectionSize(1000, { count: 7 })).toBe(7);
    for (const ratio of [0, -0.1, 1.5, Number.NaN]) expect(() => selectionSize(1000, { ratio })).toThrow(/ratio must be in \(0, 1\]/);
    expect(() => selectionSize(1000, { count: 1001 })).toThrow(/larger than the pool \(1000 samples\)/);
    expect(() => selectionSize(1000, { count: 0 })).toThrow(/positive integer/);
    expect(() => selectionSize(1000, { count: 5, ratio: 0.1 })).toThrow(/not both/);
  });
});

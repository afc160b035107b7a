import { describe, expect, it } from 'vitest';
import { mulberry32, permutation } from '../src/random.ts';
import { pairwiseCosines, ranks, rsa, spearman } from '../src/rsa.ts';
import { svcca } from '../src/svcca.ts';
import { figureWithNull } from '../src/null-distribution.ts';

describe('SVCCA', () => {
  it('gives (1 + 1/√2)/2 when one direction is shared and the other is half shared (by hand)', () => {
    // Orthogonal, centred columns over 4 rows: x1, x2, x3.
    const x1 = [1, -1, 1, -1];
    const x2 = [1, 1, -1, -1];
    const x3 = [1, -1, -1, 1];
    const x = Float64Array.from([0, 1, 2, 3].flatMap((i) => [x1[i]!, x2[i]!]));
    const y = Float64Array.from([0, 1, 2, 3].flatMap((i) => [x1[i]!, x2[i]! + x3[i]!]));
    const result = svcca(x, y, 4, 2, 2);
    expect(result.componentsA).toBe(2);
    expect(result.correlations[0]).toBeCloseTo(1, 10);
    expect(result.correlations[1]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(result.value).toBeCloseTo((1 + Math.SQRT1_2) / 2, 10);
  });

  it('matches numpy (SVD to 99% of variance, QR, SVD of QxᵀQy) on seeded data', () => {
    const random = mulberry32(42);
    const n = 40;
    const round = (v: number) => Number(v.toFixed(4));
    const x = Array.from({ length: n * 5 }, () => round(random() - 0.5));
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const xi = x.slice(i * 5, i * 5 + 5);
      y.push(round(xi[0]! + 0.3 * (random() - 0.5)), round(xi[1]! - xi[2]! + 0.5 * (random() - 0.5)), round(random() - 0.5), round(random() - 0.5));
    }
    const result = svcca(Float64Array.from(x), Float64Array.from(y), n, 5, 4);
    // numpy 1.24: components 5 and 4, canonical correlations below, mean 0.6209169301301531.
    expect([result.componentsA, result.componentsB]).toEqual([5, 4]);
    [0.97529663, 0.92444888, 0.32267176, 0.26125045].forEach((value, i) => expect(result.correlations[i]).toBeCloseTo(value, 6));
    expect(result.value).toBeCloseTo(0.6209169301301531, 8);
  });

  it('is invariant to a rotation of one side', () => {
    const random = mulberry32(3);
    const n = 30;
    const x = Float64Array.from({ length: n * 3 }, () => random() - 0.5);
    const y = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const [a, b, c] = [x[i * 3]!, x[i * 3 + 1]!, x[i * 3 + 2]!];
      y.set([0.6 * a - 0.8 * b, 0.8 * a + 0.6 * b, -c], i * 3);
    }
    expect(svcca(x, y, n, 3, 3).value).toBeCloseTo(1, 8);
  });
});

describe('RSA', () => {
  it('ranks ties by their average and gives Spearman 1 − 6Σd²/(n(n²−1)) (by hand)', () => {
    expect(Array.from(ranks([0.5, 0.1, 0.5, 0.9]))).toEqual([2.5, 1, 2.5, 4]);
    // ranks [6,1,4,3,5,2] and [6,3,5,1,4,2]: Σd² = 10, ρ = 1 − 60/210.
    expect(spearman([0.9, 0.1, 0.5, 0.3, 0.7, 0.2], [0.8, 0.3, 0.6, 0.1, 0.4, 0.2])).toBeCloseTo(1 - 60 / 210, 12);
  });

  it('is 1 for the same geometry, and its null re-pairing falls near 0', () => {
    const random = mulberry32(5);
    const m = 60;
    const rows = Float32Array.from({ length: m * 8 }, () => random() - 0.5);
    const similarity = pairwiseCosines(rows, m, 8);
    const result = rsa(similarity, similarity, m, 100, mulberry32(1), permutation);
    expect(result.value).toBeCloseTo(1, 10);
    const nullFigure = figureWithNull('rsa', result.value, '', 'shuffle', result.nullDraws);
    expect(Math.abs(nullFigure.null!.mean)).toBeLessThan(0.1);
    expect(nullFigure.pValue).toBeCloseTo(1 / 101, 10);
  });

  it('computes cosines of the upper triangle row by row', () => {
    const rows = Float32Array.from([1, 0, 0, 2, 1, 1]);
    const cosines = pairwiseCosines(rows, 3, 2);
    expect(cosines[0]).toBeCloseTo(0, 6);
    expect(cosines[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(cosines[2]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

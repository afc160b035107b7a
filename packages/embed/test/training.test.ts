import { describe, expect, it } from 'vitest';
import { countCooccurrences } from '../scripts/training/cooccurrence.ts';
import { ppmi } from '../scripts/training/ppmi.ts';
import { orthonormalise, randomizedSvd } from '../scripts/training/randomized-svd.ts';
import { buildVocabulary, countWords } from '../scripts/training/vocabulary.ts';

function seeded(seed: number) {
  let s = seed;
  const uniform = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('word-vector training', () => {
  it('counts words and keeps the frequent ones, most frequent first', () => {
    const { counts, total } = countWords([['a', 'b', 'a'], ['c', 'a', 'b']]);
    const vocabulary = buildVocabulary(counts, total, 2, 10);
    expect(vocabulary).toMatchObject({ words: ['a', 'b'], counts: [3, 2], totalWords: 6 });
  });

  it('counts co-occurrences symmetrically, weighted by distance within the window', () => {
    const rows = countCooccurrences([Int32Array.of(0, 1, 2)], 3, 2);
    const at = (r: number, c: number) => {
      for (let i = rows.rowStart[r]!; i < rows.rowStart[r + 1]!; i++) if (rows.colIndex[i] === c) return rows.values[i]!;
      return 0;
    };
    expect([at(0, 1), at(1, 0), at(1, 2), at(0, 2), at(2, 0), at(0, 0)]).toEqual([1, 1, 1, 0.5, 0.5, 0]);
  });

  it('computes positive PMI with a smoothed context distribution', () => {
    const counts = countCooccurrences([Int32Array.of(0, 1), Int32Array.of(0, 1), Int32Array.of(1, 2)], 3, 1);
    const pmi = ppmi(counts, 1);
    // #(0,1) = 2, row 0 sums to 2, column 1 sums to 3 of 6: log(2·6 / (2·3)) = log 2.
    expect(pmi.values[pmi.rowStart[0]!]).toBeCloseTo(Math.log(2), 6);
    expect(pmi.colIndex[pmi.rowStart[0]!]).toBe(1);
  });

  it('finds the leading singular values of a sparse matrix as an exact decomposition does', () => {
    // A 6 × 6 matrix with known singular values 5, 3, 1 (U, V permutations with signs).
    const n = 6;
    const dense = new Float64Array(n * n);
    [[0, 1, 5], [2, 4, 3], [5, 0, 1]].forEach(([r, c, s]) => (dense[r! * n + c!] = s!));
    dense[3 * n + 3] = 0.1;
    const rowStart = new Int32Array(n + 1);
    const cols: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        if (dense[r * n + c] === 0) continue;
        cols.push(c);
        values.push(dense[r * n + c]!);
      }
      rowStart[r + 1] = cols.length;
    }
    const svd = randomizedSvd({ rows: n, cols: n, rowStart, colIndex: Int32Array.from(cols), values: Float32Array.from(values) }, 3, {
      oversample: 2, powerIterations: 2, normal: seeded(3),
    });
    expect([...svd.s].map((s) => Number(s.toFixed(6)))).toEqual([5, 3, 1]);
    expect(Math.abs(svd.u.data[0 * 3 + 0]!)).toBeCloseTo(1, 6);
    expect(Math.abs(svd.u.data[2 * 3 + 1]!)).toBeCloseTo(1, 6);
  });

  it('orthonormalises columns', () => {
    const normal = seeded(5);
    const q = orthonormalise({ rows: 50, cols: 4, data: Float64Array.from({ length: 200 }, normal) });
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let dot = 0;
        for (let r = 0; r < 50; r++) dot += q.data[r * 4 + a]! * q.data[r * 4 + b]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });
});

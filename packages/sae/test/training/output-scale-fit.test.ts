import { describe, expect, it } from 'vitest';
import { fitOutputScales } from '../../src/training/output-scale-fit.ts';
import { randomArray } from '../helpers/fixtures.ts';

/** Solves the normal equations (AᵀA) a = Aᵀc densely by Gaussian elimination with partial pivoting, in float64. */
function leastSquares(columns: number[][], target: number[]): number[] {
  const n = columns.length;
  const m = columns.map((ci) => [...columns.map((cj) => ci.reduce((s, v, k) => s + v * cj[k]!, 0)), ci.reduce((s, v, k) => s + v * target[k]!, 0)]);
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, r) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? r + c : best), c);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  return m.map((row, r) => row[n]! / row[r]!);
}

describe('fitOutputScales (least squares by conjugate gradients over sparse codes)', () => {
  it('finds the same output scales as the dense normal equations, and lowers the residual', () => {
    const [width, dIn, rows, slots] = [7, 5, 30, 4];
    const W = randomArray(width * dIn, 1);
    const centred = Float64Array.from(randomArray(rows * dIn, 2));
    // Each row fires `slots` distinct neurons, some slots not firing (0), as the encoder returns them.
    const indices = new Int32Array(rows * slots);
    const values = new Float32Array(rows * slots);
    const draws = randomArray(rows * slots * 2, 3);
    for (let i = 0; i < rows; i++) {
      for (let s = 0; s < slots; s++) {
        indices[i * slots + s] = (i + 2 * s) % width;
        values[i * slots + s] = s === 3 && i % 3 === 0 ? 0 : 0.2 + Math.abs(draws[i * slots + s]!);
      }
    }
    // A as dense columns: column m holds z_im·w_m in row i's block.
    const columns = Array.from({ length: width }, () => new Array<number>(rows * dIn).fill(0));
    for (let i = 0; i < rows; i++) {
      for (let s = 0; s < slots; s++) {
        const m = indices[i * slots + s]!;
        for (let d = 0; d < dIn; d++) columns[m]![i * dIn + d] = columns[m]![i * dIn + d]! + values[i * slots + s]! * W[m * dIn + d]!;
      }
    }
    const expected = leastSquares(columns, Array.from(centred));
    const a = new Float32Array(width).fill(0.01);
    const { residual, initial } = fitOutputScales(a, W, centred, rows, { indices, values }, slots, 50);
    expected.forEach((value, m) => expect(a[m], `a[${m}]`).toBeCloseTo(value, 5));
    expect(residual).toBeLessThan(initial);
  });

  it('a neuron that never fires keeps its scale', () => {
    const W = randomArray(3 * 2, 4);
    const a = Float32Array.of(0.5, 0.25, 0.125);
    const codes = { indices: Int32Array.of(0, 1, 0, 1), values: Float32Array.of(1, 0.5, 0.3, 0.2) };
    fitOutputScales(a, W, Float64Array.from(randomArray(2 * 2, 5)), 2, codes, 2, 10);
    expect(a[2]).toBe(0.125);
  });
});

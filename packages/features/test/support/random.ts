// The project's one seeded PRNG (mulberry32) lives in @atlas/sae.
export { mulberry32 as seededRandom } from '@atlas/sae';

export function randomMatrix(rows: number, cols: number, random: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => random() * 2 - 1);
}

export const dot = (a: Float32Array, i: number, b: Float32Array, j: number, n: number) => {
  let sum = 0;
  for (let d = 0; d < n; d += 1) sum += a[i * n + d]! * b[j * n + d]!;
  return sum;
};

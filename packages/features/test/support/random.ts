import type { SparseCodes } from '../../src/index.ts';

// The project's one seeded PRNG (mulberry32) lives in @atlas/random.
export { mulberry32 as seededRandom } from '@atlas/random';

export function randomMatrix(rows: number, cols: number, random: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => random() * 2 - 1);
}

export const dot = (a: Float32Array, i: number, b: Float32Array, j: number, n: number) => {
  let sum = 0;
  for (let d = 0; d < n; d += 1) sum += a[i * n + d]! * b[j * n + d]!;
  return sum;
};

/** Random top-k style codes: k distinct features per row, some slots zero (did not fire). */
export function randomCodes(rows: number, width: number, k: number, random: () => number): SparseCodes {
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  for (let row = 0; row < rows; row += 1) {
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(random() * width));
    [...chosen].forEach((feature, slot) => {
      indices[row * k + slot] = feature;
      values[row * k + slot] = random() < 0.3 ? 0 : Math.fround(0.01 + random() * 10 * random());
    });
  }
  return { indices, values, k };
}

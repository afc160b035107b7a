/** mulberry32: deterministic uniform [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomMatrix(rows: number, cols: number, random: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => random() * 2 - 1);
}

export const dot = (a: Float32Array, i: number, b: Float32Array, j: number, n: number) => {
  let sum = 0;
  for (let d = 0; d < n; d += 1) sum += a[i * n + d]! * b[j * n + d]!;
  return sum;
};

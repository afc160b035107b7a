/** rows [n, d] · M [d, e], row-major (small products: rotations, whitening of decoder rows). */
export function multiply(rows: Float32Array, n: number, d: number, m: Float32Array, e: number): Float32Array {
  const out = new Float32Array(n * e);
  for (let i = 0; i < n; i++) {
    const target = out.subarray(i * e, (i + 1) * e);
    for (let k = 0; k < d; k++) {
      const x = rows[i * d + k]!;
      if (x === 0) continue;
      const mRow = k * e;
      for (let j = 0; j < e; j++) target[j] = target[j]! + x * m[mRow + j]!;
    }
  }
  return out;
}

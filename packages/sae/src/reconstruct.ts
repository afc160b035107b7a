import type { SparseCodes } from './types.ts';

/** x̂ = Σ_j z_j W_dec[j] + b_dec for each row, touching only the k selected decoder rows. */
export function reconstruct(
  W_dec: Float32Array,
  b_dec: Float32Array,
  codes: SparseCodes,
  rows: number,
  k: number,
  out: Float32Array = new Float32Array(rows * b_dec.length),
): Float32Array {
  const dIn = b_dec.length;
  const { values, indices } = codes;
  for (let i = 0; i < rows; i++) {
    const o = i * dIn;
    out.set(b_dec, o);
    for (let s = 0; s < k; s++) {
      const z = values[i * k + s]!;
      if (z <= 0) continue;
      const row = indices[i * k + s]! * dIn;
      for (let d = 0; d < dIn; d++) out[o + d] = out[o + d]! + z * W_dec[row + d]!;
    }
  }
  return out;
}

import type { SparseCodes } from '../types.ts';

/**
 * Least-squares output scales for fixed neurons and gates (gba's `gbaOutputScales: 'fixed'`,
 * after training): a = argmin Σ_i ‖c_i − Σ_m a_m z_im w_m‖² with c_i = x_i − b_pre, the codes z
 * (rows × slots, 0 where a slot does not fire) and the unit neuron vectors W [width, dIn]. Solved
 * by conjugate gradients on the normal equations (CGLS), matrix-free over the sparse codes, from
 * `a` as it is (updated in place); a neuron that never fires on these rows keeps its value.
 * Each iteration costs two passes of rows × firing neurons × dIn; float64 throughout.
 */
export function fitOutputScales(
  a: Float32Array, W: Float32Array, centred: Float64Array, rows: number, codes: SparseCodes, slots: number, iterations: number,
): { residual: number; initial: number } {
  const width = a.length;
  const dIn = centred.length / rows;
  const { values, indices } = codes;
  /** out = A·v: per row, Σ over its firing neurons of v_m z_m w_m. */
  const apply = (v: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let i = 0; i < rows; i++) {
      for (let s = 0; s < slots; s++) {
        const z = values[i * slots + s]!;
        if (!(z > 0)) continue;
        const m = indices[i * slots + s]!;
        const scale = v[m]! * z;
        if (scale === 0) continue;
        for (let d = 0; d < dIn; d++) out[i * dIn + d] = out[i * dIn + d]! + scale * W[m * dIn + d]!;
      }
    }
  };
  /** out = Aᵀ·r: per firing (row, neuron), z · (w_m·r_i). */
  const applyTransposed = (r: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let i = 0; i < rows; i++) {
      for (let s = 0; s < slots; s++) {
        const z = values[i * slots + s]!;
        if (!(z > 0)) continue;
        const m = indices[i * slots + s]!;
        let dot = 0;
        for (let d = 0; d < dIn; d++) dot += W[m * dIn + d]! * r[i * dIn + d]!;
        out[m] = out[m]! + z * dot;
      }
    }
  };
  const squaredNorm = (v: Float64Array) => v.reduce((sum, x) => sum + x * x, 0);
  const x = Float64Array.from(a);
  const r = new Float64Array(rows * dIn);
  apply(x, r);
  for (let i = 0; i < r.length; i++) r[i] = centred[i]! - r[i]!;
  const initial = squaredNorm(r);
  const s = new Float64Array(width);
  applyTransposed(r, s);
  const p = Float64Array.from(s);
  const q = new Float64Array(rows * dIn);
  let gamma = squaredNorm(s);
  const stop = gamma * 1e-12;
  for (let iteration = 0; iteration < iterations && gamma > stop; iteration++) {
    apply(p, q);
    const qq = squaredNorm(q);
    if (!(qq > 0)) break;
    const alpha = gamma / qq;
    for (let m = 0; m < width; m++) x[m] = x[m]! + alpha * p[m]!;
    for (let i = 0; i < r.length; i++) r[i] = r[i]! - alpha * q[i]!;
    applyTransposed(r, s);
    const next = squaredNorm(s);
    const beta = next / gamma;
    for (let m = 0; m < width; m++) p[m] = s[m]! + beta * p[m]!;
    gamma = next;
  }
  a.set(x);
  return { residual: squaredNorm(r), initial };
}

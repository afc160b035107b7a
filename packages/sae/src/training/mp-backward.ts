import type { BatchTotals, Gradients, Params, Workspace } from './gradients.ts';
import type { SparseCodes } from '../types.ts';

/**
 * The matching pursuit loss and its gradients for `rows` rows of a batch of `batchRows`, from
 * the graph's trajectory (`steps` coefficients a_t and atoms j_t per row), accumulated into
 * zeroed `grads` (W_dec and b_dec only: mp has no separate encoder). Same signature as
 * `accumulateBackward`, so the training step can use either.
 *
 * Forward (recomputed here): r_0 = x − b, r_{t+1} = r_t − a_t·w_t with w_t = W_dec[j_t] and
 * a_t = ReLU(w_t·r_t); x̂ = x − r_K, so L = mean_i ‖r_K‖². Backward through the unrolled steps
 * (the choice of j_t is piecewise constant: no gradient), with g_t = ∂L/∂r_t, g_K = (2/B)·r_K:
 *   δ_t = ∂L/∂a_t = −g_{t+1}·w_t,   ∂L/∂w_t += −a_t·g_{t+1} + δ_t·r_t,   g_t = g_{t+1} + δ_t·w_t,
 * and ∂L/∂b = −g_0. A step with a_t = 0 (ReLU off, or stopped by the residual threshold) is the
 * identity. r_t is restored on the way back as r_{t+1} + a_t·w_t, so a row needs two vectors,
 * and the work is O(steps · dIn) per row, touching only the chosen atoms.
 */
export function accumulateMpBackward(
  params: Params,
  x: Float32Array,
  rows: number,
  trajectory: SparseCodes,
  steps: number,
  grads: Gradients,
  workspace: Workspace,
  batchRows: number,
  totals: BatchTotals,
): void {
  const dIn = params.b_dec.length;
  const { W_dec, b_dec } = params;
  const { values, indices } = trajectory;
  const { kernels, reconstruction: residual, residualGrad: g } = workspace;
  const { columnSum } = totals;
  const scale = 2 / batchRows;
  let squaredError = 0;
  let sumOfSquares = 0;
  let active = 0;
  for (let i = 0; i < rows; i++) {
    const xo = i * dIn;
    const o = i * steps;
    for (let d = 0; d < dIn; d++) residual[d] = x[xo + d]! - b_dec[d]!;
    for (let t = 0; t < steps; t++) {
      const a = values[o + t]!;
      if (a > 0) kernels.axpy(residual, 0, W_dec, indices[o + t]! * dIn, -a, dIn);
    }
    for (let d = 0; d < dIn; d++) {
      const xd = x[xo + d]!;
      const r = residual[d]!;
      squaredError += r * r;
      sumOfSquares += xd * xd;
      columnSum[d] = columnSum[d]! + xd;
      g[d] = scale * r;
    }
    for (let t = steps - 1; t >= 0; t--) {
      const a = values[o + t]!;
      if (!(a > 0)) continue;
      const j = indices[o + t]!;
      const at = j * dIn;
      if (grads.isTouched[j] === 0) {
        grads.isTouched[j] = 1;
        grads.touched[grads.touchedCount++] = j;
      }
      if (isFirstChoice(indices, values, o, t, j)) active++;
      // δ = −g·w, with ∂L/∂w += −a·g in the same pass; then r_t = r_{t+1} + a·w.
      const delta = -kernels.dotAxpy(g, 0, W_dec, at, grads.W_dec, at, -a, dIn);
      kernels.axpy(residual, 0, W_dec, at, a, dIn);
      kernels.axpy(grads.W_dec, at, residual, 0, delta, dIn);
      kernels.axpy(g, 0, W_dec, at, delta, dIn);
    }
    kernels.axpy(grads.b_dec, 0, g, 0, -1, dIn);
  }
  totals.squaredError += squaredError;
  totals.sumOfSquares += sumOfSquares;
  totals.active += active;
}

/** Whether step t is the first of its row (from `o`) to choose atom j with a positive coefficient. */
function isFirstChoice(indices: Int32Array, values: Float32Array, o: number, t: number, j: number): boolean {
  for (let s = o; s < o + t; s++) if (indices[s] === j && values[s]! > 0) return false;
  return true;
}

import type { BatchTotals, Gradients, Params, Workspace } from './gradients.ts';
import { SaeError, BUG } from '../sae-error.ts';
import type { SparseCodes } from '../types.ts';

/**
 * The loss and gradients of the tied SAE Group Bias Adaptation trains (`architectures/gba.ts`)
 * for `rows` rows of a batch of `batchRows`, accumulated into zeroed `grads`. Same signature as
 * `accumulateBackward`, so the training step can use either.
 *
 * One unit vector w_m per neuron (`W_dec` rows) is both its encoder and decoder row; a_m
 * (`outputScale`) scales its output and b_pre (`b_dec`) is subtracted from the input and added
 * back: u_m = w_m·(x − b_pre), z_m = u_m·[u_m + b_m > 0], x̂ = Σ_m a_m z_m w_m + b_pre, and
 * L = mean_i ‖x_i − x̂_i‖². The codes are the graph's z (threshold θ = −b, so only firing neurons
 * are listed); the gate is piecewise constant and b gets no gradient. With g = (2/B)(x̂ − x) and
 * δ_m = g·w_m, per firing neuron:
 *   ∂L/∂a_m += z_m·δ_m,   ∂L/∂w_m += a_m z_m·g + a_m δ_m·(x − b_pre)   (decoder and encoder use),
 *   ∂L/∂b_pre += g − Σ_m a_m δ_m·w_m.
 * ∂L/∂a goes to `grads.latent`, ∂L/∂w to `grads.W_dec` (the optimiser removes its radial part and
 * renormalises the rows); `grads.W_encT` and `grads.b_enc` stay zero.
 */
export function accumulateTiedBackward(
  params: Params,
  x: Float32Array,
  rows: number,
  codes: SparseCodes,
  k: number,
  grads: Gradients,
  workspace: Workspace,
  batchRows: number,
  totals: BatchTotals,
): void {
  const dIn = params.b_dec.length;
  const { W_dec: W, b_dec: bPre, outputScale: a } = params;
  if (!a) throw new SaeError('the tied backward pass needs output scales', BUG);
  const { values, indices } = codes;
  const { kernels, reconstruction, residualGrad: g, centred } = workspace;
  const { columnSum } = totals;
  const scale = 2 / batchRows;
  let squaredError = 0;
  let sumOfSquares = 0;
  let active = 0;
  for (let i = 0; i < rows; i++) {
    const xo = i * dIn;
    const o = i * k;
    reconstruction.set(bPre);
    for (let s = 0; s < k; s++) {
      const z = values[o + s]!;
      if (z > 0) kernels.axpy(reconstruction, 0, W, indices[o + s]! * dIn, a[indices[o + s]!]! * z, dIn);
    }
    for (let d = 0; d < dIn; d++) {
      const xd = x[xo + d]!;
      const error = reconstruction[d]! - xd;
      squaredError += error * error;
      sumOfSquares += xd * xd;
      columnSum[d] = columnSum[d]! + xd;
      g[d] = scale * error;
      centred[d] = xd - bPre[d]!;
    }
    kernels.axpy(grads.b_dec, 0, g, 0, 1, dIn);
    for (let s = 0; s < k; s++) {
      const z = values[o + s]!;
      if (!(z > 0)) continue;
      const m = indices[o + s]!;
      const at = m * dIn;
      const am = a[m]!;
      active++;
      if (grads.isTouched[m] === 0) {
        grads.isTouched[m] = 1;
        grads.touched[grads.touchedCount++] = m;
      }
      // δ = g·w_m, with ∂L/∂w_m += a z·g in the same pass; then the encoder's use and b_pre's.
      const delta = kernels.dotAxpy(g, 0, W, at, grads.W_dec, at, am * z, dIn);
      grads.latent[m] = grads.latent[m]! + z * delta;
      kernels.axpy(grads.W_dec, at, centred, 0, am * delta, dIn);
      kernels.axpy(grads.b_dec, 0, W, at, -am * delta, dIn);
    }
  }
  totals.squaredError += squaredError;
  totals.sumOfSquares += sumOfSquares;
  totals.active += active;
}

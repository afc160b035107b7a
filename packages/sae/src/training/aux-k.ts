import type { Gradients, Params, Workspace } from './gradients.ts';
import type { SparseCodes } from '../types.ts';
import { BUG, SaeError } from '../sae-error.ts';

/** Gao et al. (2024)'s α: the auxiliary loss is scaled by 1/32. */
export const DEFAULT_AUX_K_COEFFICIENT = 1 / 32;

/** Gao et al.'s k_aux heuristic (Appendix B.1): half the input dimension. */
export const defaultAuxK = (dIn: number) => Math.max(1, Math.floor(dIn / 2));

/**
 * The dead-latent mask as the encoder graph takes it: 0 for a dead latent, −∞ for a live one,
 * added to the pre-activations before the auxiliary TopK so only dead latents can be chosen.
 * Returns the number of dead latents.
 */
export function fillDeadBias(dead: Uint8Array, deadBias: Float32Array): number {
  let count = 0;
  for (let j = 0; j < dead.length; j++) {
    deadBias[j] = dead[j] ? 0 : -Infinity;
    count += dead[j]!;
  }
  return count;
}

/**
 * The auxiliary-k loss of `rows` rows of a batch of `batchRows` (Gao et al. 2024), for TopK
 * SAEs with dead latents: with e = x − x̂ the residual of the main reconstruction (held fixed)
 * and ê = Σ_t a_t·W_dec[j_t] built from each row's k_aux largest pre-activations among dead
 * latents, ReLU'd (`aux`; as the paper's TopK and EleutherAI's sparsify — SAELens keeps them raw,
 * which lets a latent fit the residual with a flipped decoder row and stay dead), the loss is
 * α·mean_i ‖e_i − ê_i‖² / ‖e_i‖². Its gradients
 * are added to `grads` sparsely: only the (positive) k_aux dead latents of each row touch W_dec, W_enc and
 * b_enc rows (they are marked touched, so finishBackward adds b_dec's input term). Returns
 * Σ_i ‖e_i − ê_i‖² / ‖e_i‖² over these rows (unscaled).
 */
export function accumulateAuxK(
  params: Params,
  x: Float32Array,
  rows: number,
  codes: SparseCodes,
  slots: number,
  aux: SparseCodes,
  kAux: number,
  grads: Gradients,
  workspace: Workspace,
  batchRows: number,
  coefficient: number,
): number {
  const dIn = params.b_dec.length;
  const { W_dec, b_dec } = params;
  // reconstruction → the residual e; residualGrad → ê, then ∂L/∂ê; centred → x − b_dec.
  const { kernels, reconstruction: residual, residualGrad: grad, centred } = workspace;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const xo = i * dIn;
    residual.set(b_dec);
    for (let s = i * slots; s < (i + 1) * slots; s++) {
      const z = codes.values[s]!;
      if (z > 0) kernels.axpy(residual, 0, W_dec, codes.indices[s]! * dIn, z, dIn);
    }
    let residualSquares = 0;
    for (let d = 0; d < dIn; d++) {
      const e = x[xo + d]! - residual[d]!;
      residual[d] = e;
      residualSquares += e * e;
    }
    if (residualSquares === 0) continue;
    grad.fill(0);
    for (let t = i * kAux; t < (i + 1) * kAux; t++) {
      const a = aux.values[t]!;
      if (a > 0) kernels.axpy(grad, 0, W_dec, aux.indices[t]! * dIn, a, dIn);
    }
    const scale = (2 * coefficient) / (batchRows * residualSquares);
    let errorSquares = 0;
    for (let d = 0; d < dIn; d++) {
      const difference = grad[d]! - residual[d]!;
      errorSquares += difference * difference;
      grad[d] = scale * difference;
      centred[d] = x[xo + d]! - b_dec[d]!;
    }
    total += errorSquares / residualSquares;
    for (let t = i * kAux; t < (i + 1) * kAux; t++) {
      const a = aux.values[t]!;
      if (a <= 0) continue;
      const j = aux.indices[t]!;
      if (grads.isTouched[j] === 0) {
        grads.isTouched[j] = 1;
        grads.touched[grads.touchedCount++] = j;
      }
      // ∂/∂a = g·W_dec[j] and ∂/∂W_dec[j] += a·g; ReLU passes ∂/∂a on to pre where a > 0.
      const dPre = kernels.dotAxpy(grad, 0, W_dec, j * dIn, grads.W_dec, j * dIn, a, dIn);
      grads.b_enc[j] = grads.b_enc[j]! + dPre;
      kernels.axpy(grads.W_encT, j * dIn, centred, 0, dPre, dIn);
    }
  }
  return total;
}

/**
 * The auxiliary-k loss across a run: before each step `beginStep` marks the dead latents (in the
 * `deadBias` array the aux encoder graph reads) and picks k_aux = min(auxK, dead count); the
 * `accumulate` hook then adds each chunk's term. With no dead latent the step runs the plain
 * encoder graph and costs nothing extra.
 */
export class AuxKLoss {
  readonly deadBias: Float32Array;
  private readonly dead: Uint8Array;
  /** k_aux of the current step (0: no dead latents, no auxiliary loss). */
  kAux = 0;
  private total = 0;

  constructor(width: number, private readonly maxK: number, private readonly coefficient: number) {
    this.deadBias = new Float32Array(width);
    this.dead = new Uint8Array(width);
  }

  beginStep(tracker: { deadMask(out: Uint8Array): number }): number {
    const count = tracker.deadMask(this.dead);
    fillDeadBias(this.dead, this.deadBias);
    this.kAux = Math.min(this.maxK, count);
    this.total = 0;
    return this.kAux;
  }

  /** The `extraLoss` hook of `encodeAndBackward`. */
  hook(params: Params, grads: Gradients, workspace: Workspace, slots: number) {
    return (x: Float32Array, rows: number, encoded: { aux?: SparseCodes }, codes: SparseCodes, batchRows: number): void => {
      if (this.kAux === 0) return;
      if (!encoded.aux) throw new SaeError('auxiliary-k training needs an encoder graph built with auxK', BUG);
      this.total += accumulateAuxK(params, x, rows, codes, slots, encoded.aux, this.kAux, grads, workspace, batchRows, this.coefficient);
    };
  }

  /** The step's auxiliary loss, α·mean over the batch's rows. */
  loss(batchRows: number): number {
    return (this.coefficient * this.total) / batchRows;
  }
}

import { jsKernels } from './kernels/vector-kernels.ts';
import type { VectorKernels } from './kernels/vector-kernels.ts';
import type { SparseCodes } from './types.ts';

/**
 * The trainable arrays. The encoder is kept transposed, one contiguous row per latent like the
 * decoder, so its sparse gradient and its Adam step run along rows; the ONNX graph reads it with
 * Gemm(transB). W_encT and W_dec must come from the kernels' `alloc`.
 */
export interface Params {
  W_encT: Float32Array; // [width, dIn]
  b_enc: Float32Array; // [width]
  W_dec: Float32Array; // [width, dIn]
  b_dec: Float32Array; // [dIn]
  /** jumprelu only: log θ per latent [width]. */
  logThreshold?: Float32Array;
}

/**
 * The sparsity term of the loss, per architecture (topk and batchtopk have none):
 * - `l1` (relu): λ·mean_i Σ_j z_ij‖W_dec[j]‖, with `norms` the current decoder row norms;
 * - `jumprelu`: λ·mean_i Σ_j H(pre_ij − θ_j), θ = exp(logThreshold), through the
 *   straight-through estimator with a rectangle kernel of width `bandwidth`. `codes.values` are
 *   then z = pre·H(pre − θ) and `pre` holds the raw pre-activations in the same slots.
 */
export type Penalty =
  | { kind: 'l1'; coefficient: number; norms: Float32Array }
  | { kind: 'jumprelu'; coefficient: number; bandwidth: number; threshold: Float32Array; pre: Float32Array };

/** Per-row scratch vectors for `backward`, in the kernels' memory. */
export interface Workspace {
  kernels: VectorKernels;
  reconstruction: Float32Array;
  residualGrad: Float32Array;
  centred: Float32Array;
}

/** Arrays `backward` needs in kernel memory: W_encT, W_dec, their gradients, b_dec's gradient, three scratch rows. */
export const KERNEL_ALLOCATIONS = 8;
export const kernelFloats = (dIn: number, width: number) => 4 * width * dIn + 4 * dIn;

export function createWorkspace(dIn: number, kernels: VectorKernels = jsKernels()): Workspace {
  return { kernels, reconstruction: kernels.alloc(dIn), residualGrad: kernels.alloc(dIn), centred: kernels.alloc(dIn) };
}

/**
 * Gradient buffers, in the parameters' layouts. Each sample adds to only its k latents' rows,
 * so rows of `W_encT` and `W_dec` are non-zero only for latents listed in `touched`.
 */
export interface Gradients {
  W_encT: Float32Array;
  b_enc: Float32Array;
  W_dec: Float32Array;
  b_dec: Float32Array;
  /** jumprelu: ∂L/∂logθ [width] (∂L/∂θ until `finishBackward`); l1: per latent Σ_i z_ij. */
  latent: Float32Array;
  touched: Int32Array;
  touchedCount: number;
  isTouched: Uint8Array;
}

export interface BatchStats {
  /** The training loss: reconstruction + sparsity penalty. */
  loss: number;
  /** Mean over rows of ‖x − x̂‖². */
  reconstructionLoss: number;
  /** The penalty term (0 for topk and batchtopk). */
  sparsityLoss: number;
  l0: number;
  /** ‖x − x̂‖² / ‖x − mean_batch(x)‖². */
  fvu: number;
}

export function createGradients(dIn: number, width: number, kernels: VectorKernels = jsKernels()): Gradients {
  return {
    W_encT: kernels.alloc(width * dIn),
    b_enc: new Float32Array(width),
    W_dec: kernels.alloc(width * dIn),
    b_dec: kernels.alloc(dIn),
    latent: new Float32Array(width),
    touched: new Int32Array(width),
    touchedCount: 0,
    isTouched: new Uint8Array(width),
  };
}

/** Zeroes the gradients, touching only the rows the last step wrote. */
export function zeroGradients(grads: Gradients, dIn: number): void {
  for (let t = 0; t < grads.touchedCount; t++) {
    const j = grads.touched[t]!;
    grads.W_encT.fill(0, j * dIn, (j + 1) * dIn);
    grads.W_dec.fill(0, j * dIn, (j + 1) * dIn);
    grads.isTouched[j] = 0;
  }
  grads.touchedCount = 0;
  grads.b_enc.fill(0);
  grads.b_dec.fill(0);
  grads.latent.fill(0);
}

/** Running sums over the rows of one batch, for the loss and the statistics. */
export interface BatchTotals {
  squaredError: number;
  sumOfSquares: number;
  active: number;
  /** Σ over rows of the unscaled penalty (Σ_j z‖W_dec[j]‖ or the count of firing latents). */
  penalty: number;
  columnSum: Float64Array;
}

export function createTotals(dIn: number): BatchTotals {
  return { squaredError: 0, sumOfSquares: 0, active: 0, penalty: 0, columnSum: new Float64Array(dIn) };
}

/**
 * Loss L = mean_i ‖x_i − x̂_i‖² with x̂_i = Σ_j z_ij W_dec[j] + b_dec, and its gradients given
 * the TopK codes z, accumulated into zeroed `grads`. All sparse: every product touches only the
 * k decoder/encoder rows a sample selected (rows × k × dIn multiply-adds per pass). TopK's
 * selection is treated as fixed (its gradient flows only to the selected latents), and a latent
 * whose ReLU'd value is 0 passes no gradient.
 */
export function backward(
  params: Params,
  x: Float32Array,
  rows: number,
  codes: SparseCodes,
  k: number,
  grads: Gradients,
  workspace: Workspace,
  penalty?: Penalty,
): BatchStats {
  const totals = createTotals(params.b_dec.length);
  accumulateBackward(params, x, rows, codes, k, grads, workspace, rows, totals, penalty);
  return finishBackward(params, grads, totals, rows, workspace.kernels, penalty);
}

/**
 * The per-row part of `backward` for `rows` rows of a batch of `batchRows` (so a batch can be
 * processed in chunks while onnxruntime encodes the next one).
 */
export function accumulateBackward(
  params: Params,
  x: Float32Array,
  rows: number,
  codes: SparseCodes,
  k: number,
  grads: Gradients,
  workspace: Workspace,
  batchRows: number,
  totals: BatchTotals,
  penalty?: Penalty,
): void {
  const dIn = params.b_dec.length;
  const { W_dec, b_dec } = params;
  const { values, indices } = codes;
  const { kernels, reconstruction, residualGrad, centred } = workspace;
  const { columnSum } = totals;
  const gb_enc = grads.b_enc;
  const gb_dec = grads.b_dec;
  const scale = 2 / batchRows;
  let squaredError = 0;
  let sumOfSquares = 0;
  let active = 0;
  let penaltySum = 0;
  const l1 = penalty?.kind === 'l1' ? penalty : undefined;
  const jump = penalty?.kind === 'jumprelu' ? penalty : undefined;
  const l1Scale = l1 ? l1.coefficient / batchRows : 0;
  const halfWidth = jump ? jump.bandwidth / 2 : 0;
  const latent = grads.latent;

  for (let i = 0; i < rows; i++) {
    const xo = i * dIn;
    const codeOffset = i * k;
    reconstruction.set(b_dec);
    for (let s = 0; s < k; s++) {
      const z = values[codeOffset + s]!;
      if (z <= 0) continue;
      active++;
      kernels.axpy(reconstruction, 0, W_dec, indices[codeOffset + s]! * dIn, z, dIn);
    }
    for (let d = 0; d < dIn; d++) {
      const xd = x[xo + d]!;
      const error = reconstruction[d]! - xd;
      squaredError += error * error;
      sumOfSquares += xd * xd;
      columnSum[d] = columnSum[d]! + xd;
      residualGrad[d] = scale * error;
      gb_dec[d] = gb_dec[d]! + scale * error;
      centred[d] = xd - b_dec[d]!;
    }
    for (let s = 0; s < k; s++) {
      const z = values[codeOffset + s]!;
      if (z <= 0) continue;
      const j = indices[codeOffset + s]!;
      if (grads.isTouched[j] === 0) {
        grads.isTouched[j] = 1;
        grads.touched[grads.touchedCount++] = j;
      }
      // ∂L/∂z = g·W_dec[j] (and ∂L/∂W_dec[j] += z·g); ReLU and TopK pass it on to pre[j].
      let dPre = kernels.dotAxpy(residualGrad, 0, W_dec, j * dIn, grads.W_dec, j * dIn, z, dIn);
      if (l1) {
        // λ/B·z‖W_dec[j]‖: ∂/∂z = λ/B·‖W_dec[j]‖; ∂/∂W_dec[j] = λ/B·z·W_dec[j]/‖W_dec[j]‖ (in finishBackward).
        const norm = l1.norms[j]!;
        penaltySum += z * norm;
        latent[j] = latent[j]! + z;
        dPre += l1Scale * norm;
      }
      gb_enc[j] = gb_enc[j]! + dPre;
      kernels.axpy(grads.W_encT, j * dIn, centred, 0, dPre, dIn);
    }
    if (jump) {
      // Straight-through estimator: ∂z/∂θ = −(θ/ε)·K((pre − θ)/ε), ∂H/∂θ = −(1/ε)·K(...),
      // K the rectangle on (−½, ½). Inactive slots just below θ contribute too.
      const { threshold, pre, bandwidth, coefficient } = jump;
      const stepGrad = coefficient / batchRows / bandwidth;
      for (let s = 0; s < k; s++) {
        const slot = codeOffset + s;
        const j = indices[slot]!;
        const theta = threshold[j]!;
        const p = pre[slot]!;
        if (values[slot]! > 0) penaltySum += 1;
        if (Math.abs(p - theta) >= halfWidth) continue;
        const g = kernels.dot(residualGrad, 0, W_dec, j * dIn, dIn);
        latent[j] = latent[j]! - (theta / bandwidth) * g - stepGrad;
      }
    }
  }
  totals.penalty += penaltySum;
  totals.squaredError += squaredError;
  totals.sumOfSquares += sumOfSquares;
  totals.active += active;
}

/** Adds the batch-wide gradient term and returns the batch statistics. */
export function finishBackward(
  params: Params,
  grads: Gradients,
  totals: BatchTotals,
  batchRows: number,
  kernels: VectorKernels,
  penalty?: Penalty,
): BatchStats {
  const dIn = params.b_dec.length;
  if (penalty?.kind === 'l1') {
    const scale = penalty.coefficient / batchRows;
    for (let t = 0; t < grads.touchedCount; t++) {
      const j = grads.touched[t]!;
      const norm = penalty.norms[j]!;
      if (norm > 0) kernels.axpy(grads.W_dec, j * dIn, params.W_dec, j * dIn, (scale * grads.latent[j]!) / norm, dIn);
    }
  } else if (penalty?.kind === 'jumprelu') {
    // ∂L/∂logθ = θ·∂L/∂θ.
    const { threshold } = penalty;
    for (let j = 0; j < threshold.length; j++) grads.latent[j] = grads.latent[j]! * threshold[j]!;
  }
  // b_dec is also subtracted from the input: ∂L/∂b_dec −= W_enc · Σ_i ∂L/∂pre_i (= W_enc · ∂L/∂b_enc).
  for (let t = 0; t < grads.touchedCount; t++) {
    const j = grads.touched[t]!;
    kernels.axpy(grads.b_dec, 0, params.W_encT, j * dIn, -grads.b_enc[j]!, dIn);
  }
  let meanSquares = 0;
  for (let d = 0; d < dIn; d++) meanSquares += totals.columnSum[d]! ** 2;
  const totalVariance = totals.sumOfSquares - meanSquares / batchRows;
  const reconstructionLoss = totals.squaredError / batchRows;
  const sparsityLoss = penalty ? (penalty.coefficient * totals.penalty) / batchRows : 0;
  return {
    loss: reconstructionLoss + sparsityLoss,
    reconstructionLoss,
    sparsityLoss,
    l0: totals.active / batchRows,
    fvu: totalVariance > 0 ? totals.squaredError / totalVariance : Number.NaN,
  };
}

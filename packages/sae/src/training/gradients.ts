import { accumulateLatentGradients, reconstructRow } from '../kernels/latent-gradients.ts';
import { LatentGroups } from '../kernels/latent-groups.ts';
import { jsKernels } from '../kernels/vector-kernels.ts';
import type { VectorKernels } from '../kernels/vector-kernels.ts';
import type { SparseCodes } from '../types.ts';

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
  /** gba only: each neuron's output scale a [width] (its decoder row is a·W_dec[j]). */
  outputScale?: Float32Array;
}

/**
 * The sparsity term of the loss an architecture's prepare step may add (topk and batchtopk add none):
 * - `l1` (relu): λ·mean_i Σ_j z_ij‖W_dec[j]‖, with `norms` the current decoder row norms;
 * - `l0` (jumprelu): λ·mean_i Σ_j H(pre_ij − θ_j), θ = exp(logThreshold), through the
 *   straight-through estimator with a rectangle kernel of width `bandwidth`. `codes.values` are
 *   then z = pre·H(pre − θ) and `pre` holds the raw pre-activations in the same slots.
 */
export type Penalty =
  | { kind: 'l1'; coefficient: number; norms: Float32Array }
  | { kind: 'l0'; coefficient: number; bandwidth: number; threshold: Float32Array; pre: Float32Array };

/** Scratch space for `backward`, in the kernels' memory. */
export interface Workspace {
  kernels: VectorKernels;
  reconstruction: Float32Array;
  residualGrad: Float32Array;
  centred: Float32Array;
  /** Rows per block of the latent-grouped gradient pass. */
  blockRows: number;
  /** ∂L/∂x̂ and x − b_dec of a block's rows, [blockRows, dIn] each. */
  blockResidualGrads: Float32Array;
  blockCentred: Float32Array;
  groups: LatentGroups;
  /** Kernel-memory copies for `residualRow`: b_dec, the column sums and the two loss sums (float64). */
  decoderBias: Float32Array;
  columnSums: Float64Array;
  lossSums: Float64Array;
  /** `dot4`'s four results. */
  dots: Float64Array;
}

/**
 * Rows per block of the grouped gradient pass: each latent's three rows (W_dec and both
 * gradients) are loaded once per block, so larger blocks reload them less (at d_in 512 / width
 * 8192, 256 rows measured clearly slower, 1,024–4,096 alike within noise); capped at 2²¹ floats
 * a buffer for large d_in.
 */
export const defaultBlockRows = (dIn: number) => Math.max(64, Math.min(4096, Math.floor(2 ** 21 / dIn)));
/** Arrays `backward` needs in kernel memory: W_encT, W_dec, their gradients, b_dec's gradient, four scratch rows, two blocks, three sums, four dots. */
export const KERNEL_ALLOCATIONS = 14;
export const kernelFloats = (dIn: number, width: number, blockRows = defaultBlockRows(dIn)) =>
  4 * width * dIn + 7 * dIn + 12 + 2 * blockRows * dIn;

export function createWorkspace(dIn: number, kernels: VectorKernels = jsKernels(), blockRows = defaultBlockRows(dIn)): Workspace {
  return {
    kernels,
    reconstruction: kernels.alloc(dIn),
    residualGrad: kernels.alloc(dIn),
    centred: kernels.alloc(dIn),
    blockRows,
    blockResidualGrads: kernels.alloc(blockRows * dIn),
    blockCentred: kernels.alloc(blockRows * dIn),
    groups: new LatentGroups(),
    decoderBias: kernels.alloc(dIn),
    columnSums: float64View(kernels.alloc(2 * dIn)),
    lossSums: float64View(kernels.alloc(4)),
    dots: float64View(kernels.alloc(8)),
  };
}

function float64View(array: Float32Array): Float64Array {
  return new Float64Array(array.buffer, array.byteOffset, array.length / 2);
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
  /** jumprelu: ∂L/∂logθ [width] (∂L/∂θ until `finishBackward`); l1: per latent Σ_i z_ij; gba: ∂L/∂a. */
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
  }
  zeroVectorGradients(grads);
}

/** Zeroes all but the W_encT and W_dec rows (for the optimiser, whose Adam kernel zeroes those as it reads them). */
export function zeroVectorGradients(grads: Gradients): void {
  for (let t = 0; t < grads.touchedCount; t++) grads.isTouched[grads.touched[t]!] = 0;
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
 * processed in chunks while onnxruntime encodes the next one). Rows go in blocks: first, per row,
 * the reconstruction, loss and ∂L/∂x̂ (kept for the block); then, per latent, the gradients of
 * its decoder and encoder rows from the block's rows that selected it (`accumulateLatentGradients`).
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
  const { kernels, reconstruction, blockResidualGrads: residualGrads, blockCentred: centred, blockRows, groups } = workspace;
  const { decoderBias, columnSums, lossSums } = workspace;
  decoderBias.set(b_dec);
  columnSums.set(totals.columnSum);
  lossSums.fill(0);
  const gb_dec = grads.b_dec;
  const scale = 2 / batchRows;
  let active = 0;
  let penaltySum = 0;
  const l1 = penalty?.kind === 'l1' ? penalty : undefined;
  const jump = penalty?.kind === 'l0' ? penalty : undefined;
  const halfWidth = jump ? jump.bandwidth / 2 : 0;
  const latent = grads.latent;

  for (let blockStart = 0; blockStart < rows; blockStart += blockRows) {
    const blockEnd = Math.min(rows, blockStart + blockRows);
    groups.clear((blockEnd - blockStart) * k);
    centred.set(x.subarray(blockStart * dIn, blockEnd * dIn)); // x, turned into x − b_dec row by row
    for (let i = blockStart; i < blockEnd; i++) {
      const ro = (i - blockStart) * dIn;
      const codeOffset = i * k;
      reconstructRow(reconstruction, b_dec, W_dec, values, indices, codeOffset, k, dIn, kernels);
      kernels.residualRow(centred, ro, reconstruction, decoderBias, residualGrads, ro, centred, ro, gb_dec, columnSums, lossSums, scale, dIn);
      for (let s = 0; s < k; s++) {
        const z = values[codeOffset + s]!;
        if (z <= 0) continue;
        const j = indices[codeOffset + s]!;
        active++;
        if (grads.isTouched[j] === 0) {
          grads.isTouched[j] = 1;
          grads.touched[grads.touchedCount++] = j;
        }
        if (l1) {
          penaltySum += z * l1.norms[j]!;
          latent[j] = latent[j]! + z;
        }
        groups.add(j, i - blockStart, z);
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
          const g = kernels.dot(residualGrads, ro, W_dec, j * dIn, dIn);
          latent[j] = latent[j]! - (theta / bandwidth) * g - stepGrad;
        }
      }
    }
    const block = { groups, residualGrads, centred, dots: workspace.dots };
    accumulateLatentGradients(kernels, block, W_dec, grads, dIn, l1 ? l1.coefficient / batchRows : 0, l1?.norms);
  }
  totals.columnSum.set(columnSums);
  totals.penalty += penaltySum;
  totals.squaredError += lossSums[0]!;
  totals.sumOfSquares += lossSums[1]!;
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
  } else if (penalty?.kind === 'l0') {
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

import type { AdamState } from './adam.ts';
import type { AdamHyper, VectorKernels } from '../kernels/choose-kernels.ts';

/**
 * Removes from each decoder-row gradient its component along the (unit-norm) row, as SAELens
 * does before the optimiser step, so the step mostly rotates rows instead of growing them.
 * Only the listed rows can have a non-zero gradient.
 */
export function removeParallelGradient(
  kernels: VectorKernels,
  W_dec: Float32Array,
  grad: Float32Array,
  rows: Int32Array,
  rowCount: number,
  dIn: number,
): void {
  for (let t = 0; t < rowCount; t++) {
    const o = rows[t]! * dIn;
    kernels.axpy(grad, o, W_dec, o, -kernels.dot(grad, o, W_dec, o, dIn), dIn);
  }
}

/** Rescales every row of a [rows, dIn] matrix to unit L2 norm (all-zero rows stay zero). */
export function normaliseRows(kernels: VectorKernels, matrix: Float32Array, dIn: number): void {
  for (let o = 0; o < matrix.length; o += dIn) {
    const sum = kernels.dot(matrix, o, matrix, o, dIn);
    if (sum === 0) continue;
    kernels.axpy(matrix, o, matrix, o, 1 / Math.sqrt(sum) - 1, dIn); // row += (1/‖row‖ − 1)·row
  }
}

/**
 * The decoder's whole optimiser step, row by row while the row is in cache: the gradient loses
 * its component along the row (`removeParallelGradient`; a row with a zero gradient, i.e. one no
 * sample selected, is unchanged by it), Adam, then the row is renormalised (`normaliseRows`).
 * Each row's arithmetic is theirs, so the result is bit-identical to the three passes in turn.
 */
export function constrainedDecoderStep(
  kernels: VectorKernels, W_dec: Float32Array, grad: Float32Array, moments: AdamState, hyper: AdamHyper, dIn: number,
): void {
  for (let o = 0; o < W_dec.length; o += dIn) {
    kernels.axpy(grad, o, W_dec, o, -kernels.dot(grad, o, W_dec, o, dIn), dIn);
    kernels.adam(W_dec, grad, moments.m, moments.v, hyper, o, dIn);
    const sum = kernels.dot(W_dec, o, W_dec, o, dIn);
    if (sum !== 0) kernels.axpy(W_dec, o, W_dec, o, 1 / Math.sqrt(sum) - 1, dIn);
  }
}

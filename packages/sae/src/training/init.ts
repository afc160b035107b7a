import { normaliseRows } from './decoder-norm.ts';
import { jsKernels } from '../kernels/choose-kernels.ts';
import type { Params } from './gradients.ts';
import { gaussian } from '@atlas/random';

/** Per-dimension mean of `rows` rows of [rows, dIn] data. */
export function columnMean(data: Float32Array, rows: number, dIn: number): Float32Array {
  const sum = new Float64Array(dIn);
  for (let i = 0; i < rows; i++) {
    const o = i * dIn;
    for (let d = 0; d < dIn; d++) sum[d] = sum[d]! + data[o + d]!;
  }
  return Float32Array.from(sum, (s) => s / rows);
}

/**
 * Initial weights: decoder rows random unit vectors, W_enc = W_decᵀ (so W_encT = W_dec),
 * b_enc = 0, and b_dec the data mean, so the first pre-activations are projections of centred
 * inputs.
 */
export function initialParams(dIn: number, width: number, mean: Float32Array, uniform: () => number): Params {
  const normal = gaussian(uniform);
  const W_dec = new Float32Array(width * dIn);
  for (let i = 0; i < W_dec.length; i++) W_dec[i] = normal();
  normaliseRows(jsKernels(), W_dec, dIn);
  return { W_encT: W_dec.slice(), b_enc: new Float32Array(width), W_dec, b_dec: Float32Array.from(mean) };
}

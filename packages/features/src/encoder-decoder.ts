import { FeaturesError } from './features-error.ts';

/**
 * Cosine between each feature's encoder column W_enc[:, j] (W_enc row-major [dIn, width]) and its
 * decoder row W_dec[j] (row-major [width, dIn]). 0 where either vector is zero.
 */
export function encoderDecoderCosines(encoder: Float32Array, decoder: Float32Array, dIn: number): Float32Array {
  const width = decoder.length / dIn;
  if (!Number.isInteger(width) || encoder.length !== dIn * width) {
    throw new FeaturesError(`W_enc has ${encoder.length} values and W_dec ${decoder.length}; both must hold d_in × width values (d_in ${dIn}): pass W_enc [d_in, width] and W_dec [width, d_in] of one SAE.`);
  }
  const dots = new Float64Array(width);
  const encNorms = new Float64Array(width);
  // Row by row over W_enc so both arrays are read in memory order.
  for (let i = 0; i < dIn; i += 1) {
    const row = i * width;
    for (let j = 0; j < width; j += 1) {
      const e = encoder[row + j]!;
      dots[j]! += e * decoder[j * dIn + i]!;
      encNorms[j]! += e * e;
    }
  }
  const cosines = new Float32Array(width);
  for (let j = 0; j < width; j += 1) {
    let decNorm = 0;
    for (let i = 0; i < dIn; i += 1) decNorm += decoder[j * dIn + i]! ** 2;
    const denominator = Math.sqrt(encNorms[j]! * decNorm);
    cosines[j] = denominator > 0 ? dots[j]! / denominator : 0;
  }
  return cosines;
}

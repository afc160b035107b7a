import { createEncoder } from './encoder.ts';
import { columnMean } from './init.ts';
import { reconstruct } from './reconstruct.ts';
import type { SaeMetrics, SaeWeights } from './types.ts';
import { validateActivations } from './validate.ts';

export interface Evaluation extends SaeMetrics {
  /** Per latent, the fraction of rows on which it fires. */
  density: Float32Array;
}

/**
 * Encodes and reconstructs `rows` rows of activations with the SAE, reporting L0, FVU against
 * the data's own mean, the fraction of latents that never fire, and each latent's firing density.
 */
export async function evaluateSae(
  sae: SaeWeights,
  activations: Float32Array,
  rows: number,
  options: { batchSize?: number; threads?: number } = {},
): Promise<Evaluation> {
  const { dIn, width } = sae.cfg;
  validateActivations(activations, rows, dIn);
  const batchSize = Math.min(options.batchSize ?? 4096, rows);
  const mean = columnMean(activations, rows, dIn);
  const encoder = await createEncoder(sae, { batchSize, ...(options.threads ? { threads: options.threads } : {}) });
  const k = encoder.slots;
  const fires = new Float64Array(width);
  const reconstruction = new Float32Array(batchSize * dIn);
  let squaredError = 0;
  let variance = 0;
  let active = 0;
  try {
    for (let start = 0; start < rows; start += batchSize) {
      const count = Math.min(batchSize, rows - start);
      const x = activations.subarray(start * dIn, (start + count) * dIn);
      const codes = await encoder.encode(x, count);
      for (let i = 0; i < codes.values.length; i++) {
        if (codes.values[i]! > 0) {
          const j = codes.indices[i]!;
          fires[j] = fires[j]! + 1;
          active++;
        }
      }
      reconstruct(sae.W_dec, sae.b_dec, codes, count, k, reconstruction);
      for (let i = 0; i < count * dIn; i++) {
        const error = x[i]! - reconstruction[i]!;
        const centred = x[i]! - mean[i % dIn]!;
        squaredError += error * error;
        variance += centred * centred;
      }
    }
  } finally {
    await encoder.close();
  }
  let dead = 0;
  for (let j = 0; j < width; j++) if (fires[j] === 0) dead++;
  return {
    l0: active / rows,
    fvu: variance > 0 ? squaredError / variance : Number.NaN,
    deadFraction: dead / width,
    density: Float32Array.from(fires, (f) => f / rows),
  };
}

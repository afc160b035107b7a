import { gaussian, mulberry32 } from '@atlas/random';
import type { SaeWeights } from '../../src/index.ts';

export function randomArray(length: number, seed: number, scale = 1): Float32Array {
  const normal = gaussian(mulberry32(seed));
  return Float32Array.from({ length }, () => normal() * scale);
}

/** An SAE with random weights (decoder rows not normalised: the maths must not depend on it). */
export function randomSae(dIn: number, width: number, k: number, seed: number): SaeWeights {
  return {
    cfg: {
      architecture: 'topk', dIn, width, k, hookName: 'blocks.0.hook_resid_post', modelId: 'test-lm',
      dtype: 'float32', normalizeActivations: 'none',
    },
    W_enc: randomArray(dIn * width, seed),
    b_enc: randomArray(width, seed + 1, 0.3),
    W_dec: randomArray(width * dIn, seed + 2, 0.5),
    b_dec: randomArray(dIn, seed + 3, 0.2),
  };
}

/**
 * Data with known sparse structure: `features` random unit directions; each row is a
 * non-negative combination of `active` of them (magnitudes in [0.5, 2]) plus an offset and
 * a little noise.
 */
export function syntheticData(dIn: number, features: number, active: number, rows: number, seed: number) {
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const directions = Float32Array.from({ length: features * dIn }, () => normal());
  for (let f = 0; f < features; f++) {
    const row = directions.subarray(f * dIn, (f + 1) * dIn);
    const norm = Math.hypot(...row);
    for (let d = 0; d < dIn; d++) row[d] = row[d]! / norm;
  }
  const offset = Float32Array.from({ length: dIn }, () => normal() * 0.5);
  const data = new Float32Array(rows * dIn);
  for (let i = 0; i < rows; i++) {
    const chosen = new Set<number>();
    while (chosen.size < active) chosen.add(Math.floor(uniform() * features));
    for (let d = 0; d < dIn; d++) data[i * dIn + d] = offset[d]! + normal() * 0.01;
    for (const f of chosen) {
      const magnitude = 0.5 + 1.5 * uniform();
      for (let d = 0; d < dIn; d++) data[i * dIn + d] = data[i * dIn + d]! + magnitude * directions[f * dIn + d]!;
    }
  }
  return { data, directions };
}

/** For each ground-truth direction (rows of `directions`, unit-norm), its largest dot product with a unit-norm decoder row. */
export function bestCosines(directions: Float32Array, W_dec: Float32Array, dIn: number): number[] {
  const width = W_dec.length / dIn;
  return Array.from({ length: directions.length / dIn }, (_, f) => {
    let best = -1;
    for (let j = 0; j < width; j++) {
      let dot = 0;
      for (let d = 0; d < dIn; d++) dot += directions[f * dIn + d]! * W_dec[j * dIn + d]!;
      best = Math.max(best, dot);
    }
    return best;
  });
}

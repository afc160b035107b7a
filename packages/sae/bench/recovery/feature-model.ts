import { gaussian, mulberry32 } from '@atlas/random';

/**
 * The synthetic data of the recovery benchmark (the GBA paper's setup as far as it is public):
 * n unit-norm Gaussian features in d dimensions; each sample a non-negative combination of
 * exactly s distinct features (alternating s = sparsities[0] and sparsities[1]). The paper does
 * not state how the coefficients are drawn, whether samples are rescaled, or how many there are,
 * so those are choices here (`DataModel`), searched in the benchmark's notes.
 */

/** How a chosen feature's coefficient is drawn. */
export const COEFFICIENT_LAWS = ['uniform', 'ones', 'half-normal', 'exponential', 'uniform-high'] as const;
export type CoefficientLaw = (typeof COEFFICIENT_LAWS)[number];

/**
 * How samples are scaled after they are drawn: `unit` each sample to norm 1 (the scale GBA's
 * [−1, 0] bias range presumes); `raw` as drawn; `global` all samples by one factor so their mean
 * norm is 1 (relative sizes kept: 20-sparse samples stay larger than 3-sparse ones); `sum` each
 * sample's coefficients to sum 1 (a convex combination: 20-sparse samples become the smaller).
 */
export const SAMPLE_SCALES = ['unit', 'raw', 'global', 'sum'] as const;
export type SampleScale = (typeof SAMPLE_SCALES)[number];

export interface DataModel {
  features: number;
  dIn: number;
  samples: number;
  sparsities: [number, number];
  coefficients: CoefficientLaw;
  scale: SampleScale;
}

export const DEFAULT_DATA_MODEL: DataModel = { features: 128, dIn: 42, samples: 32_768, sparsities: [3, 20], coefficients: 'uniform', scale: 'unit' };

function coefficientDraw(law: CoefficientLaw, uniform: () => number): () => number {
  const normal = gaussian(uniform);
  switch (law) {
    case 'uniform': return uniform; // U[0, 1)
    case 'ones': return () => 1;
    case 'half-normal': return () => Math.abs(normal());
    case 'exponential': return () => -Math.log(1 - uniform());
    case 'uniform-high': return () => 0.5 + 0.5 * uniform(); // U[0.5, 1): no near-zero coefficients
  }
}

/** Features [n, d] (unit rows) and samples [samples, d], deterministic for a seed. */
export function syntheticFeatureModel(model: DataModel, seed: number): { features: Float32Array; data: Float32Array } {
  const { features: n, dIn: d, samples, sparsities, coefficients, scale } = model;
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const features = Float32Array.from({ length: n * d }, () => normal());
  for (let f = 0; f < n; f++) normalise(features.subarray(f * d, (f + 1) * d));
  const coefficient = coefficientDraw(coefficients, uniform);
  const data = new Float32Array(samples * d);
  const chosen = new Int32Array(n);
  for (let r = 0; r < samples; r++) {
    const s = r % 2 === 0 ? sparsities[0] : sparsities[1];
    // s distinct features by a partial Fisher–Yates shuffle.
    for (let f = 0; f < n; f++) chosen[f] = f;
    let coefficientSum = 0;
    for (let t = 0; t < s; t++) {
      const pick = t + Math.floor(uniform() * (n - t));
      const f = chosen[pick]!;
      chosen[pick] = chosen[t]!;
      chosen[t] = f;
      const c = coefficient();
      coefficientSum += c;
      for (let i = 0; i < d; i++) data[r * d + i] = data[r * d + i]! + c * features[f * d + i]!;
    }
    if (scale === 'unit') normalise(data.subarray(r * d, (r + 1) * d));
    if (scale === 'sum' && coefficientSum > 0) for (let i = r * d; i < (r + 1) * d; i++) data[i] = data[i]! / coefficientSum;
  }
  if (scale === 'global') {
    let total = 0;
    for (let r = 0; r < samples; r++) total += Math.hypot(...data.subarray(r * d, (r + 1) * d));
    const factor = samples / (total || 1);
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * factor;
  }
  return { features, data };
}

function normalise(row: Float32Array): void {
  const norm = Math.hypot(...row) || 1;
  for (let i = 0; i < row.length; i++) row[i] = row[i]! / norm;
}

/** Per feature, the best cosine with a row of `vectors` [width, d] (rows renormalised here; zero rows skipped). */
export function bestCosines(features: Float32Array, n: number, vectors: Float32Array, width: number, d: number): Float64Array {
  const norms = Float64Array.from({ length: width }, (_, j) => Math.hypot(...vectors.subarray(j * d, (j + 1) * d)));
  const best = new Float64Array(n).fill(-1);
  for (let f = 0; f < n; f++) {
    for (let j = 0; j < width; j++) {
      if (norms[j] === 0) continue;
      let dot = 0;
      for (let i = 0; i < d; i++) dot += features[f * d + i]! * vectors[j * d + i]!;
      best[f] = Math.max(best[f]!, dot / norms[j]!);
    }
  }
  return best;
}

/** SIF's default smoothing: a word seen with probability p weighs a / (a + p) (Arora, Liang & Ma 2017). */
export const SIF_A = 1e-3;

export function sifWeight(count: number, totalWords: number, a = SIF_A): number {
  return a / (a + count / totalWords);
}

/**
 * The frequency-weighted average of word vectors (rows of `vectors`, `dimensions` wide) with the
 * common component removed (v − (u·v)u) and scaled to unit length; all zeros when no row is given.
 */
export function sifAverage(
  rows: readonly { vector: Float32Array; weight: number }[], dimensions: number, commonComponent?: Float32Array,
): Float32Array {
  const out = new Float32Array(dimensions);
  for (const { vector, weight } of rows) for (let d = 0; d < dimensions; d++) out[d]! += weight * vector[d]!;
  if (commonComponent) {
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += out[d]! * commonComponent[d]!;
    for (let d = 0; d < dimensions; d++) out[d]! -= dot * commonComponent[d]!;
  }
  return normalise(out);
}

export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d]! ** 2;
  if (norm > 0) {
    const inverse = 1 / Math.sqrt(norm);
    for (let d = 0; d < vector.length; d++) vector[d]! *= inverse;
  }
  return vector;
}

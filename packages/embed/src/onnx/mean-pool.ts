/**
 * Mean of each sequence's token vectors over its attention mask, scaled to unit length: the
 * pooling sentence-transformers uses for the usual small English embedding models.
 * `hidden` is [batch, seqLen, dims] row-major; `mask` [batch, seqLen] of 0/1.
 */
export function meanPool(hidden: Float32Array, mask: ArrayLike<number>, batch: number, seqLen: number, dims: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dims);
    let tokens = 0;
    for (let t = 0; t < seqLen; t++) {
      if (!mask[b * seqLen + t]) continue;
      tokens += 1;
      const at = (b * seqLen + t) * dims;
      for (let d = 0; d < dims; d++) vector[d]! += hidden[at + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (vector[d]! / Math.max(tokens, 1)) ** 2;
    const scale = norm > 0 ? 1 / (Math.max(tokens, 1) * Math.sqrt(norm)) : 0;
    for (let d = 0; d < dims; d++) vector[d]! *= scale;
    out.push(vector);
  }
  return out;
}

/**
 * The reference beside ours: a naive dense implementation as one would first write it — every
 * cosine into one widthA × widthB matrix in JS, then row and column maxima (what `S = A @ B.T;
 * S.max(1)` does in numpy). Memory grows with width² (1 GiB at 16k), hence small sizes only.
 */
export function naiveBestMatches(a: Float32Array, b: Float32Array, width: number, d: number) {
  const unit = (m: Float32Array) => {
    const out = new Float32Array(m.length);
    for (let i = 0; i < width; i++) {
      let norm = 0;
      for (let c = 0; c < d; c++) norm += m[i * d + c]! ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let c = 0; c < d; c++) out[i * d + c] = m[i * d + c]! * scale;
    }
    return out;
  };
  const [ua, ub] = [unit(a), unit(b)];
  const similarity = new Float32Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += ua[i * d + c]! * ub[j * d + c]!;
      similarity[i * width + j] = dot;
    }
  }
  const rowBest = new Float32Array(width).fill(-Infinity);
  const columnBest = new Float32Array(width).fill(-Infinity);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) {
      const s = similarity[i * width + j]!;
      if (s > rowBest[i]!) rowBest[i] = s;
      if (s > columnBest[j]!) columnBest[j] = s;
    }
  }
  const mean = (x: Float32Array) => x.reduce((sum, v) => sum + v, 0) / x.length;
  return { meanBestAB: { value: mean(rowBest) }, meanBestBA: { value: mean(columnBest) } };
}

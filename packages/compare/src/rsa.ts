import { CompareError } from './compare-error.ts';

/** Ranks 1..n of `values`, ties given their average rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const out = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + end + 1) / 2;
    for (let t = start; t < end; t++) out[order[t]!] = rank;
    start = end;
  }
  return out;
}

/** Pearson r of two equal-length vectors. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson r of the ranks (ties averaged). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) throw new CompareError(`Spearman needs two series of equal length ≥ 2, got ${x.length} and ${y.length}.`);
  return pearson(ranks(x), ranks(y));
}

/** Cosines of every pair i < j of `rows` [m, d], the upper triangle row by row (m(m − 1)/2 values). */
export function pairwiseCosines(rows: Float32Array, m: number, d: number): Float64Array {
  const norms = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sq = 0;
    for (let c = 0; c < d; c++) sq += rows[i * d + c]! ** 2;
    norms[i] = Math.sqrt(sq) || 1;
  }
  const out = new Float64Array((m * (m - 1)) / 2);
  let e = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += rows[i * d + c]! * rows[j * d + c]!;
      out[e++] = dot / (norms[i]! * norms[j]!);
    }
  }
  return out;
}

export interface RsaResult {
  value: number;
  /** ρ under each random re-pairing of B's items with A's. */
  nullDraws: number[];
}

/**
 * RSA: Spearman's ρ between the two sides' pairwise-similarity triangles over the same m paired
 * items; the null re-pairs the items at random (B's matrix permuted by rows and columns alike).
 * Ranks are computed once: a permutation only moves them, so each draw is one pass over the
 * triangle.
 */
export function rsa(similarityA: Float64Array, similarityB: Float64Array, m: number, draws: number, random: () => number, permute: (n: number, random: () => number) => Int32Array): RsaResult {
  const size = (m * (m - 1)) / 2;
  if (similarityA.length !== size || similarityB.length !== size) throw new CompareError(`RSA needs two triangles of ${size} values for ${m} items.`);
  const rankA = ranks(similarityA);
  const rankB = ranks(similarityB);
  const centre = (size + 1) / 2;
  let varA = 0;
  let varB = 0;
  for (let e = 0; e < size; e++) {
    varA += (rankA[e]! - centre) ** 2;
    varB += (rankB[e]! - centre) ** 2;
  }
  const scale = 1 / Math.sqrt(varA * varB);
  // B's centred ranks as a full symmetric m × m matrix (8 MB at m = 1000): under a re-pairing π,
  // row π(i) is read across j, so the draws stay in cache instead of jumping through the triangle.
  const fullB = new Float64Array(m * m);
  for (let i = 0, e = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++, e++) {
      const value = rankB[e]! - centre;
      fullB[i * m + j] = value;
      fullB[j * m + i] = value;
    }
  }
  const correlate = (order: Int32Array | null) => {
    let sum = 0;
    let e = 0;
    for (let i = 0; i < m; i++) {
      const row = (order ? order[i]! : i) * m;
      for (let j = i + 1; j < m; j++) sum += (rankA[e++]! - centre) * fullB[row + (order ? order[j]! : j)]!;
    }
    return sum * scale;
  };
  const nullDraws: number[] = [];
  for (let draw = 0; draw < draws; draw++) nullDraws.push(correlate(permute(m, random)));
  return { value: correlate(null), nullDraws };
}

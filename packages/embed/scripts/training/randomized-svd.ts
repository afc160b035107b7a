import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { SparseRows } from './cooccurrence.ts';

/** A dense row-major matrix of float64. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** out = M · X (M sparse rows × cols, X cols × k). */
export function multiply(m: SparseRows, x: Dense): Dense {
  const k = x.cols;
  const out = new Float64Array(m.rows * k);
  for (let r = 0; r < m.rows; r++) {
    const o = r * k;
    for (let i = m.rowStart[r]!; i < m.rowStart[r + 1]!; i++) {
      const v = m.values[i]!;
      const xo = m.colIndex[i]! * k;
      for (let c = 0; c < k; c++) out[o + c]! += v * x.data[xo + c]!;
    }
  }
  return { rows: m.rows, cols: k, data: out };
}

/** out = Mᵀ · X (X rows × k). */
export function multiplyTransposed(m: SparseRows, x: Dense): Dense {
  const k = x.cols;
  const out = new Float64Array(m.cols * k);
  for (let r = 0; r < m.rows; r++) {
    const xo = r * k;
    for (let i = m.rowStart[r]!; i < m.rowStart[r + 1]!; i++) {
      const v = m.values[i]!;
      const o = m.colIndex[i]! * k;
      for (let c = 0; c < k; c++) out[o + c]! += v * x.data[xo + c]!;
    }
  }
  return { rows: m.cols, cols: k, data: out };
}

/**
 * Orthonormal columns spanning X's (modified Gram–Schmidt, run twice: "twice is enough" for
 * the loss of orthogonality one pass leaves on ill-conditioned input); a column that adds no
 * direction (X rank-deficient) comes out zero.
 */
export function orthonormalise(x: Dense): Dense {
  const { rows, cols } = x;
  // Column-major copy so each column is contiguous.
  const q = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[c * rows + r] = x.data[r * cols + c]!;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      const col = q.subarray(j * rows, (j + 1) * rows);
      let before = 0;
      for (let r = 0; r < rows; r++) before += col[r]! ** 2;
      for (let i = 0; i < j; i++) {
        const prev = q.subarray(i * rows, (i + 1) * rows);
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += prev[r]! * col[r]!;
        for (let r = 0; r < rows; r++) col[r]! -= dot * prev[r]!;
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += col[r]! ** 2;
      // A column inside the span of the earlier ones leaves only rounding noise: it becomes zero, not noise scaled up.
      const scale = norm > 1e-24 * before ? 1 / Math.sqrt(norm) : 0;
      for (let r = 0; r < rows; r++) col[r] = col[r]! * scale;
    }
  }
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = q[c * rows + r]!;
  return { rows, cols, data: out };
}

export interface TruncatedSvd {
  /** Left singular vectors, rows × rank */
  u: Dense;
  /** Singular values, largest first */
  s: Float64Array;
}

/**
 * The top `rank` singular values and left vectors of a sparse matrix by randomized range finding
 * with power iterations (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1): Y = (MMᵀ)^q M Ω,
 * Q = orth(Y), then the small matrix QᵀM·MᵀQ is diagonalised exactly. Deterministic for a given
 * `normal` source.
 */
export function randomizedSvd(
  m: SparseRows,
  rank: number,
  { oversample = 16, powerIterations = 3, normal }: { oversample?: number; powerIterations?: number; normal: () => number },
  log: (line: string) => void = () => {},
): TruncatedSvd {
  const width = rank + oversample;
  const omega: Dense = { rows: m.cols, cols: width, data: Float64Array.from({ length: m.cols * width }, normal) };
  let q = orthonormalise(multiply(m, omega));
  for (let i = 0; i < powerIterations; i++) {
    q = orthonormalise(multiply(m, orthonormalise(multiplyTransposed(m, q))));
    log(`  power iteration ${i + 1}/${powerIterations}`);
  }
  const bt = multiplyTransposed(m, q); // (QᵀM)ᵀ, cols × width
  const gram = new Matrix(width, width);
  for (let a = 0; a < width; a++) {
    for (let b = a; b < width; b++) {
      let dot = 0;
      for (let r = 0; r < bt.rows; r++) dot += bt.data[r * width + a]! * bt.data[r * width + b]!;
      gram.set(a, b, dot);
      gram.set(b, a, dot);
    }
  }
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, i) => [value, i] as const).sort((x, y) => y[0] - x[0]).slice(0, rank);
  const vectors = eig.eigenvectorMatrix;
  // The kept eigenvectors as columns of a width × rank array: U = Q · V_kept.
  const kept = new Float64Array(width * rank);
  for (let a = 0; a < width; a++) for (let j = 0; j < rank; j++) kept[a * rank + j] = vectors.get(a, order[j]![1]);
  const u = new Float64Array(m.rows * rank);
  for (let r = 0; r < m.rows; r++) {
    for (let a = 0; a < width; a++) {
      const qa = q.data[r * width + a]!;
      for (let j = 0; j < rank; j++) u[r * rank + j]! += qa * kept[a * rank + j]!;
    }
  }
  return { u: { rows: m.rows, cols: rank, data: u }, s: Float64Array.from(order, ([value]) => Math.sqrt(Math.max(value, 0))) };
}

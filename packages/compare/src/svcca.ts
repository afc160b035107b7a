import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricEigenvalues } from './symmetric-eigenvalues.ts';
import { CompareError } from './compare-error.ts';

/** Share of variance the principal components keep before CCA (SVCCA's usual 99%). */
export const DEFAULT_VARIANCE_KEPT = 0.99;

/** An orthonormal basis [n, r] (row-major, float64) of the top principal components of centred rows. */
export interface PrincipalBasis {
  basis: Float64Array;
  n: number;
  components: number;
}

/**
 * PCA of `rows` [n, d] (columns centred) to the fewest components holding `varianceKept` of the
 * variance, via the eigendecomposition of the d × d scatter matrix: U = X·V·Λ^{-1/2}, whose
 * columns are orthonormal, so CCA against it needs no further whitening.
 */
export function principalBasis(rows: Float32Array | Float64Array, n: number, d: number, varianceKept = DEFAULT_VARIANCE_KEPT): PrincipalBasis {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c]! += rows[i * d + c]! / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) centred[i * d + c] = rows[i * d + c]! - mean[c]!;
  const upper = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = centred.subarray(i * d, (i + 1) * d);
    for (let p = 0; p < d; p++) {
      const x = row[p]!;
      if (x === 0) continue;
      for (let q = p; q < d; q++) upper[p * d + q]! += x * row[q]!;
    }
  }
  for (let p = 0; p < d; p++) for (let q = 0; q < p; q++) upper[p * d + q] = upper[q * d + p]!;
  const scatter = new Matrix(Array.from({ length: d }, (_, p) => upper.subarray(p * d, (p + 1) * d)));
  const eigen = new EigenvalueDecomposition(scatter, { assumeSymmetric: true });
  const order = eigen.realEigenvalues.map((value, index) => ({ value: Math.max(0, value), index })).sort((x, y) => y.value - x.value);
  const total = order.reduce((sum, item) => sum + item.value, 0);
  if (!(total > 0)) throw new CompareError('SVCCA needs rows that vary: every paired decoder row is the same.');
  let kept = 0;
  let components = 0;
  while (components < order.length && kept < varianceKept * total && order[components]!.value > total * 1e-12) kept += order[components++]!.value;
  const vectors = eigen.eigenvectorMatrix;
  const basis = new Float64Array(n * components);
  for (let r = 0; r < components; r++) {
    const { index, value } = order[r]!;
    const scale = 1 / Math.sqrt(value);
    const v = vectors.getColumn(index);
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += centred[i * d + c]! * v[c]!;
      basis[i * components + r] = dot * scale;
    }
  }
  return { basis, n, components };
}

/**
 * Canonical correlations of two orthonormal bases (rows paired): the singular values of
 * C = U_xᵀU_y [rx, ry], as square roots of the eigenvalues of its Gram on the smaller side,
 * clipped to [0, 1], largest first. The shuffle null computes its draws the same way.
 */
export function canonicalCorrelations(cross: Float64Array | Float32Array, rx: number, ry: number): number[] {
  const size = Math.min(rx, ry);
  const gram = new Float64Array(size * size);
  for (let p = 0; p < size; p++) {
    for (let q = p; q < size; q++) {
      let sum = 0;
      if (ry <= rx) for (let t = 0; t < rx; t++) sum += cross[t * ry + p]! * cross[t * ry + q]!;
      else for (let t = 0; t < ry; t++) sum += cross[p * ry + t]! * cross[q * ry + t]!;
      gram[p * size + q] = sum;
      gram[q * size + p] = sum;
    }
  }
  return Array.from(symmetricEigenvalues(gram, size), (value) => Math.min(1, Math.sqrt(Math.max(0, value)))).sort((x, y) => y - x);
}

/** U_xᵀ·U_y [rx, ry] of two bases over the same n rows. */
export function crossProduct(x: PrincipalBasis, y: PrincipalBasis): Float64Array {
  const rx = x.components;
  const ry = y.components;
  const out = new Float64Array(rx * ry);
  for (let i = 0; i < x.n; i++) {
    for (let p = 0; p < rx; p++) {
      const u = x.basis[i * rx + p]!;
      for (let q = 0; q < ry; q++) out[p * ry + q]! += u * y.basis[i * ry + q]!;
    }
  }
  return out;
}

export interface SvccaResult {
  /** Mean canonical correlation. */
  value: number;
  correlations: number[];
  componentsA: number;
  componentsB: number;
}

/** SVCCA of paired rows X [n, dX] and Y [n, dY]: PCA of each to `varianceKept`, then the mean canonical correlation. */
export function svcca(x: Float32Array | Float64Array, y: Float32Array | Float64Array, n: number, dX: number, dY: number, varianceKept = DEFAULT_VARIANCE_KEPT): SvccaResult {
  const bx = principalBasis(x, n, dX, varianceKept);
  const by = principalBasis(y, n, dY, varianceKept);
  const correlations = canonicalCorrelations(crossProduct(bx, by), bx.components, by.components);
  return { value: mean(correlations), correlations, componentsA: bx.components, componentsB: by.components };
}

export const mean = (values: readonly number[]): number => values.reduce((sum, x) => sum + x, 0) / values.length;

import { QrDecomposition, Matrix } from 'ml-matrix';
import { gaussian, mulberry32, permutation } from '@atlas/random';

export { mulberry32, permutation };

/** A Haar-random orthogonal matrix [d, d] (row-major float32): QR of a Gaussian matrix, columns signed by R's diagonal. */
export function randomOrthogonal(d: number, seed: number): Float32Array {
  const normal = gaussian(mulberry32(seed));
  const qr = new QrDecomposition(Matrix.from1DArray(d, d, Array.from({ length: d * d }, normal)));
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  const out = new Float32Array(d * d);
  for (let j = 0; j < d; j++) {
    const sign = r.get(j, j) < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) out[i * d + j] = q.get(i, j) * sign;
  }
  return out;
}

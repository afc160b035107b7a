/**
 * Eigenvalues of a symmetric matrix (row-major float64, n × n; overwritten): Householder
 * reduction to tridiagonal form, then QL with implicit shifts (Numerical Recipes' tred2/tqli,
 * eigenvalues only). ml-matrix's general routines take ~0.5 s at n ≈ 240 on this machine; a
 * shuffle null needs 100 of these, so this flat-array version (~20× faster) does the null draws.
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const rowI = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[rowI + k]!);
      if (scale === 0) {
        e[i] = a[rowI + l]!;
      } else {
        for (let k = 0; k <= l; k++) {
          a[rowI + k]! /= scale;
          h += a[rowI + k]! ** 2;
        }
        let f = a[rowI + l]!;
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[rowI + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          g = 0;
          for (let k = 0; k <= j; k++) g += a[j * n + k]! * a[rowI + k]!;
          for (let k = j + 1; k <= l; k++) g += a[k * n + j]! * a[rowI + k]!;
          e[j] = g / h;
          f += e[j]! * a[rowI + j]!;
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          f = a[rowI + j]!;
          g = e[j]! - hh * f;
          e[j] = g;
          const rowJ = j * n;
          for (let k = 0; k <= j; k++) a[rowJ + k]! -= f * e[k]! + g * a[rowI + k]!;
        }
      }
    } else {
      e[i] = a[rowI + l]!;
    }
    d[i] = h;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  tridiagonalQl(d, e, n);
  return d;
}

/** Eigenvalues of the tridiagonal matrix (diagonal d, sub-diagonal e[1..n−1]) into d. */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iterations++ === 60) throw new Error('symmetricEigenvalues: no convergence');
        let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
        let r = Math.hypot(g, 1);
        g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i]!;
          const b = c * e[i]!;
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1]! -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1]! - p;
          r = (d[i]! - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l]! -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}

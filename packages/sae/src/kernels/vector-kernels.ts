/**
 * The three vector operations the sparse backward pass is made of, over Float32Arrays from
 * `alloc` (offsets in elements). Two implementations: WebAssembly SIMD and plain TypeScript.
 */
export interface VectorKernels {
  readonly name: 'wasm-simd' | 'js';
  /** A zeroed array the kernels can work on (for wasm: a view into its memory). */
  alloc(length: number): Float32Array;
  /** dst[dstAt + i] += a · src[srcAt + i] for i < n */
  axpy(dst: Float32Array, dstAt: number, src: Float32Array, srcAt: number, a: number, n: number): void;
  /** Σ x[xAt + i] · y[yAt + i] */
  dot(x: Float32Array, xAt: number, y: Float32Array, yAt: number, n: number): number;
  /** Returns Σ g·w and does acc += a · g, in one pass over g. */
  dotAxpy(
    g: Float32Array, gAt: number, w: Float32Array, wAt: number, acc: Float32Array, accAt: number, a: number, n: number,
  ): number;
  /**
   * One Adam update of the whole of `p` (all four arrays the same length): m = β1·m + (1−β1)·g,
   * v = β2·v + (1−β2)·g², p −= stepSize·m / (sqrt(c2·v) + ε), where stepSize = lr·c1 and c1, c2
   * are the bias corrections.
   */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, hyper: AdamHyper): void;
}

export interface AdamHyper {
  beta1: number;
  beta2: number;
  stepSize: number;
  c2: number;
  eps: number;
}

/** Adam in plain TypeScript (also used for arrays outside kernel memory). */
export function adamJs(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, hyper: AdamHyper): void {
  const { beta1, beta2, stepSize, c2, eps } = hyper;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - (stepSize * mi) / (Math.sqrt(vi * c2) + eps);
  }
}

export function jsKernels(): VectorKernels {
  return {
    name: 'js',
    alloc: (length) => new Float32Array(length),
    axpy(dst, dstAt, src, srcAt, a, n) {
      for (let i = 0; i < n; i++) dst[dstAt + i] = dst[dstAt + i]! + a * src[srcAt + i]!;
    },
    dot(x, xAt, y, yAt, n) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[xAt + i]! * y[yAt + i]!;
      return sum;
    },
    dotAxpy(g, gAt, w, wAt, acc, accAt, a, n) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const gi = g[gAt + i]!;
        sum += gi * w[wAt + i]!;
        acc[accAt + i] = acc[accAt + i]! + a * gi;
      }
      return sum;
    },
    adam: adamJs,
  };
}

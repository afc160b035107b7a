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
  /**
   * Four axpys from rows of one array into dst, dst loaded and stored once: dst += a1·src[at1..],
   * then a2·src[at2..], a3·src[at3..], a4·src[at4..], rounded after each as four `axpy` calls.
   */
  axpy4(
    dst: Float32Array, dstAt: number, src: Float32Array,
    at1: number, a1: number, at2: number, a2: number, at3: number, a3: number, at4: number, a4: number, n: number,
  ): void;
  /**
   * The element-wise part of one row of the backward pass, in float64 like plain TypeScript:
   * with e = x̂ − x, sums[0] += Σe², sums[1] += Σx², columnSum += x, grad = scale·e,
   * biasGrad += scale·e, centred = x − bias. `centred` may be `x` itself (then x is overwritten).
   * `columnSum` and `sums` are float64 views of arrays from `alloc`.
   */
  residualRow(
    x: Float32Array, xAt: number, reconstruction: Float32Array, bias: Float32Array, grad: Float32Array, gradAt: number,
    centred: Float32Array, centredAt: number, biasGrad: Float32Array, columnSum: Float64Array, sums: Float64Array,
    scale: number, n: number,
  ): void;
  /** Σ x[xAt + i] · y[yAt + i] */
  dot(x: Float32Array, xAt: number, y: Float32Array, yAt: number, n: number): number;
  /**
   * out[r] = Σ x[at_r + i] · y[yAt + i] for four rows of x, each exactly as `dot(x, at_r, y, yAt, n)`
   * returns it; y is read once. `out` is a float64 view of an array from `alloc`.
   */
  dot4(y: Float32Array, yAt: number, x: Float32Array, at1: number, at2: number, at3: number, at4: number, out: Float64Array, n: number): void;
  /** Returns Σ g·w and does acc += a · g, in one pass over g. */
  dotAxpy(
    g: Float32Array, gAt: number, w: Float32Array, wAt: number, acc: Float32Array, accAt: number, a: number, n: number,
  ): number;
  /**
   * One Adam update of p[at, at + n) (default: all of p; the four arrays are laid out alike):
   * m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², p −= stepSize·m / (sqrt(c2·v) + ε), where
   * stepSize = lr·c1 and c1, c2 are the bias corrections. The gradient is consumed: g is left 0.
   */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, hyper: AdamHyper, at?: number, n?: number): void;
}

export interface AdamHyper {
  beta1: number;
  beta2: number;
  stepSize: number;
  c2: number;
  eps: number;
}

/** Adam in plain TypeScript (also used for arrays outside kernel memory); leaves g zero. */
export function adamJs(
  p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, hyper: AdamHyper, at = 0, n = p.length - at,
): void {
  const { beta1, beta2, stepSize, c2, eps } = hyper;
  for (let i = at; i < at + n; i++) {
    const gi = g[i]!;
    g[i] = 0;
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
    axpy4(dst, dstAt, src, at1, a1, at2, a2, at3, a3, at4, a4, n) {
      this.axpy(dst, dstAt, src, at1, a1, n);
      this.axpy(dst, dstAt, src, at2, a2, n);
      this.axpy(dst, dstAt, src, at3, a3, n);
      this.axpy(dst, dstAt, src, at4, a4, n);
    },
    residualRow(x, xAt, reconstruction, bias, grad, gradAt, centred, centredAt, biasGrad, columnSum, sums, scale, n) {
      let squaredError = sums[0]!;
      let sumOfSquares = sums[1]!;
      for (let d = 0; d < n; d++) {
        const xd = x[xAt + d]!;
        const error = reconstruction[d]! - xd;
        squaredError += error * error;
        sumOfSquares += xd * xd;
        columnSum[d] = columnSum[d]! + xd;
        grad[gradAt + d] = scale * error;
        biasGrad[d] = biasGrad[d]! + scale * error;
        centred[centredAt + d] = xd - bias[d]!;
      }
      sums[0] = squaredError;
      sums[1] = sumOfSquares;
    },
    dot(x, xAt, y, yAt, n) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[xAt + i]! * y[yAt + i]!;
      return sum;
    },
    dot4(y, yAt, x, at1, at2, at3, at4, out, n) {
      out[0] = this.dot(x, at1, y, yAt, n);
      out[1] = this.dot(x, at2, y, yAt, n);
      out[2] = this.dot(x, at3, y, yAt, n);
      out[3] = this.dot(x, at4, y, yAt, n);
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

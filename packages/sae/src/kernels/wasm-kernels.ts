import { kernelModuleBytes } from './wasm-binary.ts';
import { adamJs } from './vector-kernels.ts';
import type { VectorKernels } from './vector-kernels.ts';
import { BUG, SaeError } from '../sae-error.ts';

interface KernelExports {
  axpy(dst: number, src: number, a: number, n: number): void;
  axpy4(dst: number, s1: number, s2: number, s3: number, s4: number, a1: number, a2: number, a3: number, a4: number, n: number): void;
  dot(x: number, y: number, n: number): number;
  dot4(y: number, x1: number, x2: number, x3: number, x4: number, out: number, n: number): void;
  residualRow(x: number, xHat: number, b: number, g: number, c: number, gb: number, colSum: number, sums: number, scale: number, n: number): void;
  dotAxpy(g: number, w: number, acc: number, a: number, n: number): number;
  adam(p: number, g: number, m: number, v: number, n: number, b1: number, b2: number, step: number, c2: number, eps: number): void;
}

/** The part of the WebAssembly global used here (typed locally: the project's libs omit it). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const PAGE = 65536;
const MAX_BYTES = 4 * 1024 ** 3 - PAGE; // wasm32 addresses at most 4 GiB
let compiled: object | undefined;

/**
 * WebAssembly SIMD kernels over one linear memory sized for `floats` float32 values in all
 * (every `alloc` is rounded up to 8 floats, so add 8 per allocation). Vector lengths must be
 * multiples of 8. Returns undefined where it cannot run: no SIMD support, or too much memory.
 */
export function wasmKernels(floats: number, allocations: number): VectorKernels | undefined {
  const bytes = (floats + 8 * allocations) * 4;
  if (bytes > MAX_BYTES) return undefined;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return undefined;
  let memory: { readonly buffer: ArrayBuffer };
  let exports: KernelExports;
  try {
    compiled ??= new wasm.Module(kernelModuleBytes());
    memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) + 1 });
    exports = new wasm.Instance(compiled, { env: { memory } }).exports as KernelExports;
  } catch {
    return undefined;
  }
  let next = 0;
  const capacity = memory.buffer.byteLength;
  // Reading `byteOffset` of a view on wasm memory costs ~40 ns (V8 does not inline it), ten times
  // a kernel call on a short vector; the arrays handed out by `alloc` are looked up instead.
  const offsets = new Map<Float32Array, number>();
  const pointer = (array: Float32Array, at: number) => (offsets.get(array) ?? array.byteOffset) + 4 * at;
  // float64 views (sums, dot4's output) are remembered on first use; weakly, as callers make them.
  const offsets64 = new WeakMap<Float64Array, number>();
  const pointer64 = (array: Float64Array) => {
    let offset = offsets64.get(array);
    if (offset === undefined) offsets64.set(array, (offset = array.byteOffset));
    return offset;
  };
  return {
    name: 'wasm-simd',
    alloc(length) {
      const size = Math.ceil(length / 8) * 32;
      if (next + size > capacity) throw new SaeError(`wasm kernel memory exhausted (${capacity} bytes)`, BUG);
      const array = new Float32Array(memory.buffer, next, length);
      offsets.set(array, next);
      next += size;
      return array;
    },
    axpy: (dst, dstAt, src, srcAt, a, n) => exports.axpy(pointer(dst, dstAt), pointer(src, srcAt), a, n),
    axpy4(dst, dstAt, src, at1, a1, at2, a2, at3, a3, at4, a4, n) {
      const base = offsets.get(src) ?? src.byteOffset;
      exports.axpy4(pointer(dst, dstAt), base + 4 * at1, base + 4 * at2, base + 4 * at3, base + 4 * at4, a1, a2, a3, a4, n);
    },
    residualRow(x, xAt, reconstruction, bias, grad, gradAt, centred, centredAt, biasGrad, columnSum, sums, scale, n) {
      exports.residualRow(
        pointer(x, xAt), pointer(reconstruction, 0), pointer(bias, 0), pointer(grad, gradAt), pointer(centred, centredAt),
        pointer(biasGrad, 0), pointer64(columnSum), pointer64(sums), scale, n,
      );
    },
    dot4(y, yAt, x, at1, at2, at3, at4, out, n) {
      const base = offsets.get(x) ?? x.byteOffset;
      exports.dot4(pointer(y, yAt), base + 4 * at1, base + 4 * at2, base + 4 * at3, base + 4 * at4, pointer64(out), n);
    },
    dot: (x, xAt, y, yAt, n) => exports.dot(pointer(x, xAt), pointer(y, yAt), n),
    dotAxpy: (g, gAt, w, wAt, acc, accAt, a, n) =>
      exports.dotAxpy(pointer(g, gAt), pointer(w, wAt), pointer(acc, accAt), a, n),
    adam(p, g, m, v, hyper, at = 0, n = p.length - at) {
      const vectorised = n - (n % 4);
      const { beta1, beta2, stepSize, c2, eps } = hyper;
      exports.adam(pointer(p, at), pointer(g, at), pointer(m, at), pointer(v, at), vectorised, beta1, beta2, stepSize, c2, eps);
      if (vectorised < n) adamJs(p, g, m, v, hyper, at + vectorised, n - vectorised);
    },
  };
}

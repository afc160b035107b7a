import { kernelModuleBytes } from './wasm-binary.ts';
import { adamJs } from './vector-kernels.ts';
import type { VectorKernels } from './vector-kernels.ts';

interface KernelExports {
  axpy(dst: number, src: number, a: number, n: number): void;
  dot(x: number, y: number, n: number): number;
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
  const pointer = (array: Float32Array, at: number) => array.byteOffset + 4 * at;
  return {
    name: 'wasm-simd',
    alloc(length) {
      const size = Math.ceil(length / 8) * 32;
      if (next + size > capacity) throw new RangeError(`wasm kernel memory exhausted (${capacity} bytes)`);
      const array = new Float32Array(memory.buffer, next, length);
      next += size;
      return array;
    },
    axpy: (dst, dstAt, src, srcAt, a, n) => exports.axpy(pointer(dst, dstAt), pointer(src, srcAt), a, n),
    dot: (x, xAt, y, yAt, n) => exports.dot(pointer(x, xAt), pointer(y, yAt), n),
    dotAxpy: (g, gAt, w, wAt, acc, accAt, a, n) =>
      exports.dotAxpy(pointer(g, gAt), pointer(w, wAt), pointer(acc, accAt), a, n),
    adam(p, g, m, v, { beta1, beta2, stepSize, c2, eps }) {
      const vectorised = p.length - (p.length % 4);
      exports.adam(p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, vectorised, beta1, beta2, stepSize, c2, eps);
      if (vectorised < p.length) {
        const tail = (a: Float32Array) => a.subarray(vectorised);
        adamJs(tail(p), tail(g), tail(m), tail(v), { beta1, beta2, stepSize, c2, eps });
      }
    },
  };
}

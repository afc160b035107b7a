import { jsKernels } from './vector-kernels.ts';
import type { VectorKernels } from './vector-kernels.ts';
import { wasmKernels } from './wasm-kernels.ts';

export type { VectorKernels, AdamHyper } from './vector-kernels.ts';
export { jsKernels, adamJs } from './vector-kernels.ts';
export { wasmKernels } from './wasm-kernels.ts';

/**
 * The fastest kernels available for vectors of length `dIn`: WebAssembly SIMD when dIn is a
 * multiple of 8 and `floats` (over `allocations` arrays) fit in wasm memory, else plain TypeScript.
 */
export function chooseKernels(dIn: number, floats: number, allocations: number): VectorKernels {
  return (dIn % 8 === 0 ? wasmKernels(floats, allocations) : undefined) ?? jsKernels();
}

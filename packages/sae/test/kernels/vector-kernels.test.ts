import { describe, expect, it } from 'vitest';
import { chooseKernels, jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import { randomArray } from '../helpers/fixtures.ts';

describe('WebAssembly SIMD kernels', () => {
  const wasm = wasmKernels(4096, 8)!;
  const js = jsKernels();

  it('load and agree with the TypeScript kernels on axpy, dot and dotAxpy', () => {
    expect(wasm?.name).toBe('wasm-simd');
    for (const n of [8, 16, 40]) {
      const [a, b, c] = [wasm.alloc(3 * n), wasm.alloc(3 * n), wasm.alloc(3 * n)];
      a.set(randomArray(3 * n, n));
      b.set(randomArray(3 * n, n + 1));
      c.set(randomArray(3 * n, n + 2));
      const [ja, jb, jc] = [a.slice(), b.slice(), c.slice()];
      wasm.axpy(a, n, b, 2 * n, 0.75, n);
      js.axpy(ja, n, jb, 2 * n, 0.75, n);
      a.forEach((value, i) => expect(value).toBeCloseTo(ja[i]!, 5));
      expect(wasm.dot(a, 0, b, n, n)).toBeCloseTo(js.dot(ja, 0, jb, n, n), 4);
      const sum = wasm.dotAxpy(a, n, b, 0, c, 2 * n, -1.5, n);
      expect(sum).toBeCloseTo(js.dotAxpy(ja, n, jb, 0, jc, 2 * n, -1.5, n), 4);
      c.forEach((value, i) => expect(value).toBeCloseTo(jc[i]!, 5));
    }
  });

  it('agree with the TypeScript Adam, including a length that is not a multiple of 4', () => {
    for (const n of [16, 23]) {
      const arrays = [0, 1, 2, 3].map((i) => {
        const a = wasm.alloc(n);
        a.set(randomArray(n, 50 + i));
        return a;
      });
      arrays[3]!.forEach((value, i) => (arrays[3]![i] = Math.abs(value))); // v >= 0
      const copies = arrays.map((a) => a.slice());
      const hyper = { beta1: 0.9, beta2: 0.999, stepSize: 1e-2, c2: 3, eps: 1e-8 };
      const [p, g, m, v] = arrays as [Float32Array, Float32Array, Float32Array, Float32Array];
      const [jp, jg, jm, jv] = copies as [Float32Array, Float32Array, Float32Array, Float32Array];
      wasm.adam(p, g, m, v, hyper);
      js.adam(jp, jg, jm, jv, hyper);
      for (const [got, want] of [[p, jp], [m, jm], [v, jv]] as const) {
        got.forEach((value, i) => expect(value).toBeCloseTo(want[i]!, 6));
      }
    }
  });

  it('hands out zeroed, separate arrays and refuses to overrun its memory', () => {
    const kernels = wasmKernels(16, 2)!;
    const first = kernels.alloc(5);
    const second = kernels.alloc(8);
    expect(Array.from(second)).toEqual(new Array(8).fill(0));
    expect(second.byteOffset - first.byteOffset).toBe(32);
    expect(() => kernels.alloc(1e6)).toThrow(/memory exhausted/);
  });

  it('are chosen only for vector lengths that are multiples of 8', () => {
    expect(chooseKernels(16, 100, 1).name).toBe('wasm-simd');
    expect(chooseKernels(6, 100, 1).name).toBe('js');
  });
});

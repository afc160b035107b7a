import { describe, expect, it } from 'vitest';
import { KERNEL_ALLOCATIONS, backward, createGradients, createWorkspace, kernelFloats } from '../../src/training/gradients.ts';
import type { Params } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { TopKSession } from '../../src/encoding/topk-session.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';
import { densePre, loss, selectionMargin } from '../helpers/reference.ts';
import type { RefParams } from '../helpers/reference.ts';

const width = 10;
const k = 2;
const rows = 5;
const h = 1e-4;

const cases: Array<[string, number, (dIn: number) => VectorKernels]> = [
  ['TypeScript kernels, dIn 6', 6, () => jsKernels()],
  ['WebAssembly SIMD kernels, dIn 8', 8, (dIn) => wasmKernels(kernelFloats(dIn, width), KERNEL_ALLOCATIONS)!],
];

/** A random SAE and batch whose TopK selection is at least 0.05 away from a tie or from 0. */
function wellSeparatedCase(dIn: number) {
  for (let seed = 1; seed < 200; seed++) {
    const sae = randomSae(dIn, width, k, seed);
    const x = randomArray(rows * dIn, seed + 1000);
    if (selectionMargin(densePre(sae, x, rows, dIn, width), k) > 0.05) return { sae, x };
  }
  throw new Error('no well-separated case found');
}

/** Central finite differences of the float64 reference loss with respect to every element of one parameter. */
function numericGradient(params: RefParams, name: keyof RefParams, x: Float32Array, dIn: number): Float64Array {
  const base = Float64Array.from(params[name]);
  const grad = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const shifted = (delta: number) => {
      const copy = Float64Array.from(base);
      copy[i] = copy[i]! + delta;
      return loss({ ...params, [name]: copy }, x, rows, dIn, width, k);
    };
    grad[i] = (shifted(h) - shifted(-h)) / (2 * h);
  }
  return grad;
}

function transpose(m: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = m[i * c + j]!;
  return out;
}

async function runBackward(dIn: number, kernels: VectorKernels) {
  const { sae, x } = wellSeparatedCase(dIn);
  const inKernelMemory = (values: ArrayLike<number>) => {
    const array = kernels.alloc(values.length);
    array.set(values);
    return array;
  };
  const params: Params = {
    W_encT: inKernelMemory(transpose(sae.W_enc, dIn, width)),
    b_enc: sae.b_enc,
    W_dec: inKernelMemory(sae.W_dec),
    b_dec: sae.b_dec,
  };
  const session = await TopKSession.open(params, dIn, width, k);
  const codes = await session.run(x, rows);
  await session.close();
  const grads = createGradients(dIn, width, kernels);
  const stats = backward(params, x, rows, codes, k, grads, createWorkspace(dIn, kernels));
  return { params: { W_enc: sae.W_enc, b_enc: sae.b_enc, W_dec: sae.W_dec, b_dec: sae.b_dec }, x, codes, grads, stats };
}

describe.each(cases)('backward (one training step’s gradients), %s', (_, dIn, makeKernels) => {
  it('matches finite differences of the loss for W_dec, W_enc, b_enc and b_dec', async () => {
    const { params, x, grads, stats } = await runBackward(dIn, makeKernels(dIn));
    expect(stats.loss).toBeCloseTo(loss(params, x, rows, dIn, width, k), 4);
    const analytic: Record<keyof RefParams, ArrayLike<number>> = {
      W_enc: transpose(grads.W_encT, width, dIn), // stored [width, dIn]
      b_enc: grads.b_enc,
      W_dec: grads.W_dec,
      b_dec: grads.b_dec,
    };
    for (const name of ['W_dec', 'W_enc', 'b_enc', 'b_dec'] as const) {
      const numeric = numericGradient(params, name, x, dIn);
      const scale = Math.max(...numeric.map(Math.abs));
      expect(scale, `${name} has a non-trivial gradient`).toBeGreaterThan(1e-3);
      numeric.forEach((value, i) => {
        expect(Math.abs(analytic[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6);
      });
    }
  });

  it('writes gradient rows only for latents that fired, and lists them', async () => {
    const { codes, grads } = await runBackward(dIn, makeKernels(dIn));
    const fired = new Set(Array.from(codes.indices).filter((_, i) => codes.values[i]! > 0));
    expect(new Set(grads.touched.subarray(0, grads.touchedCount))).toEqual(fired);
    for (let j = 0; j < width; j++) {
      const row = grads.W_dec.subarray(j * dIn, (j + 1) * dIn);
      expect(row.some((v) => v !== 0)).toBe(fired.has(j));
    }
  });
});

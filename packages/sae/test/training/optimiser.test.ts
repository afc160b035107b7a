import { describe, expect, it } from 'vitest';
import { createGradients } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import { Optimiser } from '../../src/training/optimiser.ts';
import { randomArray } from '../helpers/fixtures.ts';
import { normaliseRows, removeParallelGradient } from '../../src/training/decoder-norm.ts';

const dIn = 8;
const width = 5;

describe.each([['js', () => jsKernels()], ['wasm-simd', () => wasmKernels(20 * width * dIn, 20)!]] as const)(
  'Optimiser (%s kernels)',
  (_, makeKernels) => {
    it('keeps decoder rows unit-norm and moves only along the gradient', () => {
      const kernels = makeKernels();
      const alloc = (values: Float32Array) => {
        const a = kernels.alloc(values.length);
        a.set(values);
        return a;
      };
      const W_dec = alloc(randomArray(width * dIn, 1));
      normaliseRows(kernels, W_dec, dIn);
      const params = { W_encT: alloc(randomArray(width * dIn, 2)), b_enc: randomArray(width, 3), W_dec, b_dec: randomArray(dIn, 4) };
      const before = { W_encT: params.W_encT.slice(), W_dec: params.W_dec.slice(), b_enc: params.b_enc.slice() };
      const grads = createGradients(dIn, width, kernels);
      grads.W_dec.set(randomArray(width * dIn, 5));
      grads.W_encT.fill(0);
      grads.W_encT[3 * dIn + 2] = 1; // d loss / d W_enc[2, 3] > 0 only (stored transposed)
      grads.b_enc[1] = -1;
      grads.touched.set([0, 1, 2, 3, 4]);
      grads.touchedCount = width;
      const optimiser = new Optimiser(kernels, dIn, width);
      optimiser.step(params, grads, 0.01);
      for (let j = 0; j < width; j++) {
        expect(Math.hypot(...params.W_dec.subarray(j * dIn, (j + 1) * dIn))).toBeCloseTo(1, 6);
      }
      // Adam's first step moves each parameter with a non-zero gradient by about lr, against the gradient.
      params.W_encT.forEach((value, i) => {
        expect(value - before.W_encT[i]!).toBeCloseTo(i === 3 * dIn + 2 ? -0.01 : 0, 6);
      });
      expect(params.b_enc[1]! - before.b_enc[1]!).toBeCloseTo(0.01, 6);
      expect(params.W_dec).not.toEqual(before.W_dec);
    });

    it('removes the decoder gradient component along each row', () => {
      const kernels = makeKernels();
      const W_dec = kernels.alloc(width * dIn);
      W_dec.set(randomArray(width * dIn, 6));
      normaliseRows(kernels, W_dec, dIn);
      const grad = kernels.alloc(width * dIn);
      grad.set(randomArray(width * dIn, 7));
      const original = grad.slice();
      removeParallelGradient(kernels, W_dec, grad, Int32Array.from([1, 3]), 2, dIn);
      for (let j = 0; j < width; j++) {
        const row = (a: Float32Array) => Array.from(a.subarray(j * dIn, (j + 1) * dIn));
        const along = row(grad).reduce((sum, g, d) => sum + g * W_dec[j * dIn + d]!, 0);
        if (j === 1 || j === 3) expect(Math.abs(along)).toBeLessThan(1e-6);
        else expect(row(grad)).toEqual(row(original));
      }
    });
  },
);

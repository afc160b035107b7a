import { describe, expect, it } from 'vitest';
import { adamHyper, createAdamState } from '../../src/training/adam.ts';
import { constrainedDecoderStep, normaliseRows, removeParallelGradient } from '../../src/training/decoder-norm.ts';
import { KERNEL_ALLOCATIONS, backward, createGradients, createWorkspace, kernelFloats } from '../../src/training/gradients.ts';
import type { Penalty } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { LatentGroups } from '../../src/kernels/latent-groups.ts';
import { mulberry32 } from '@atlas/random';
import { randomArray } from '../helpers/fixtures.ts';

const dIn = 16;
const width = 24;
const k = 6;
const rows = 37;

const kernelCases: Array<[string, (blockRows: number) => VectorKernels]> = [
  ['js', () => jsKernels()],
  ['wasm-simd', (blockRows) => wasmKernels(kernelFloats(dIn, width, blockRows) + 4 * width * dIn, KERNEL_ALLOCATIONS + 4)!],
];

/** Codes with distinct latents per row, some zero (not firing), skewed towards low latents. */
function randomCodes(seed: number) {
  const uniform = mulberry32(seed);
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const chosen = new Set<number>();
    for (let s = 0; s < k; s++) {
      let j: number;
      do j = Math.floor(uniform() ** 2 * width); while (chosen.has(j));
      chosen.add(j);
      indices[i * k + s] = j;
      values[i * k + s] = uniform() < 0.2 ? 0 : uniform() * 2;
    }
  }
  return { indices, values };
}

function gradientsFor(makeKernels: (blockRows: number) => VectorKernels, blockRows: number, penalty?: Penalty) {
  const kernels = makeKernels(blockRows);
  const inKernelMemory = (values: Float32Array) => {
    const array = kernels.alloc(values.length);
    array.set(values);
    return array;
  };
  const params = {
    W_encT: inKernelMemory(randomArray(width * dIn, 1)),
    b_enc: randomArray(width, 2),
    W_dec: inKernelMemory(randomArray(width * dIn, 3)),
    b_dec: randomArray(dIn, 4),
  };
  const grads = createGradients(dIn, width, kernels);
  const stats = backward(params, randomArray(rows * dIn, 5), rows, randomCodes(6), k, grads, createWorkspace(dIn, kernels, blockRows), penalty);
  return { stats, grads };
}

describe('LatentGroups', () => {
  it('groups pairs by latent, keeping the order they were added in within each latent', () => {
    const groups = new LatentGroups();
    groups.clear(6);
    for (const [latent, row, value] of [[3, 0, 0.5], [1, 0, 1], [3, 1, 2], [0, 2, 3], [3, 2, 4], [1, 3, 5]] as const) {
      groups.add(latent, row, value);
    }
    groups.group(5);
    expect(Array.from(groups.start)).toEqual([0, 1, 3, 3, 6, 6]);
    expect(Array.from(groups.rows.subarray(0, 6))).toEqual([2, 0, 3, 0, 1, 2]);
    expect(Array.from(groups.values.subarray(0, 6))).toEqual([3, 1, 5, 0.5, 2, 4]);
  });
});

describe.each(kernelCases)('the latent-grouped backward pass (%s kernels)', (_, makeKernels) => {
  it.each([
    ['topk', undefined],
    ['relu (l1)', { kind: 'l1', coefficient: 0.3, norms: randomArray(width, 9).map(Math.abs) } as const],
  ])('%s: gives bit-identical gradients and statistics for any block size', (_name, penalty) => {
    const reference = gradientsFor(makeKernels, 1, penalty);
    for (const blockRows of [3, 16, 64]) {
      const { stats, grads } = gradientsFor(makeKernels, blockRows, penalty);
      expect(stats).toEqual(reference.stats);
      for (const key of ['W_encT', 'W_dec', 'b_enc', 'b_dec', 'latent'] as const) {
        expect(grads[key], `${key}, ${blockRows} rows a block`).toEqual(reference.grads[key]);
      }
      expect(Array.from(grads.touched.subarray(0, grads.touchedCount))).toEqual(
        Array.from(reference.grads.touched.subarray(0, reference.grads.touchedCount)),
      );
    }
  });

  it('axpy4 is exactly four axpy calls', () => {
    const kernels = makeKernels(4);
    const n = 24;
    const src = kernels.alloc(8 * n);
    src.set(randomArray(8 * n, 11));
    const [fused, separate] = [kernels.alloc(n), kernels.alloc(n)];
    fused.set(randomArray(n, 12));
    separate.set(fused);
    const terms = [[n, 0.3], [3 * n, -1.7], [0, 2.1], [7 * n, 0.01]] as const;
    kernels.axpy4(fused, 0, src, ...terms[0], ...terms[1], ...terms[2], ...terms[3], n);
    for (const [at, a] of terms) kernels.axpy(separate, 0, src, at, a, n);
    expect(fused).toEqual(separate);
  });

  it('Adam over a range equals Adam over the whole array there, and consumes the gradient', () => {
    const kernels = makeKernels(4);
    const n = 40;
    const make = (seed: number) => {
      const [p, g] = [kernels.alloc(n), kernels.alloc(n)];
      p.set(randomArray(n, seed));
      g.set(randomArray(n, seed + 1));
      return { p, g, state: createAdamState(n, kernels) };
    };
    const [whole, ranged] = [make(20), make(20)];
    const hyper = adamHyper(0.01, 3);
    kernels.adam(whole.p, whole.g, whole.state.m, whole.state.v, hyper);
    kernels.adam(ranged.p, ranged.g, ranged.state.m, ranged.state.v, hyper, 0, 16); // wasm: a multiple of 4 (tails run in TypeScript)
    kernels.adam(ranged.p, ranged.g, ranged.state.m, ranged.state.v, hyper, 16, n - 16);
    expect(ranged.p).toEqual(whole.p);
    expect(ranged.state.v).toEqual(whole.state.v);
    expect(Array.from(whole.g)).toEqual(new Array(n).fill(0));
    expect(Array.from(ranged.g)).toEqual(new Array(n).fill(0));
  });

  it('the fused decoder step equals removing the parallel gradient, Adam and renormalising in turn', () => {
    const kernels = makeKernels(4);
    const setUp = () => {
      const W_dec = kernels.alloc(width * dIn);
      W_dec.set(randomArray(width * dIn, 30));
      normaliseRows(kernels, W_dec, dIn);
      const grad = kernels.alloc(width * dIn);
      // Rows 0..9 have a gradient (touched), the rest none, as after a backward pass.
      grad.set(randomArray(10 * dIn, 31));
      return { W_dec, grad, state: createAdamState(width * dIn, kernels) };
    };
    const [fused, separate] = [setUp(), setUp()];
    const hyper = adamHyper(0.01, 1);
    constrainedDecoderStep(kernels, fused.W_dec, fused.grad, fused.state, hyper, dIn);
    removeParallelGradient(kernels, separate.W_dec, separate.grad, Int32Array.from({ length: 10 }, (_, j) => j), 10, dIn);
    kernels.adam(separate.W_dec, separate.grad, separate.state.m, separate.state.v, hyper);
    normaliseRows(kernels, separate.W_dec, dIn);
    expect(fused.W_dec).toEqual(separate.W_dec);
    expect(fused.state.m).toEqual(separate.state.m);
  });
});

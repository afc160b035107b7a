import { describe, expect, it } from 'vitest';
import { accumulateAuxK, fillDeadBias } from '../../src/training/aux-k.ts';
import { EncoderSession } from '../../src/encoding/encoder-session.ts';
import { KERNEL_ALLOCATIONS, createGradients, createTotals, createWorkspace, finishBackward, kernelFloats } from '../../src/training/gradients.ts';
import type { Params } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { trainSae } from '../../src/index.ts';
import { centralDifferences } from '../helpers/finite-differences.ts';
import { randomArray, randomSae, syntheticData } from '../helpers/fixtures.ts';
import { densePre, selectionMargin, topK } from '../helpers/reference.ts';
import type { RefParams } from '../helpers/reference.ts';

const width = 10;
const k = 2;
const kAux = 3;
const rows = 5;
const dead = [0, 1, 0, 1, 1, 0, 1, 0, 1, 1];
const deadLatents = dead.flatMap((flag, j) => (flag ? [j] : []));

/** x − x̂ of the main TopK reconstruction, float64 (held fixed: the auxiliary loss does not differentiate it). */
function residualOf(p: RefParams, x: Float32Array, dIn: number): Float64Array {
  const { indices, values } = topK(densePre(p, x, rows, dIn, width), k);
  const e = new Float64Array(rows * dIn);
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < dIn; d++) {
      let xhat = p.b_dec[d]!;
      indices[i]!.forEach((j, s) => (xhat += values[i]![s]! * p.W_dec[j * dIn + d]!));
      e[i * dIn + d] = x[i * dIn + d]! - xhat;
    }
  }
  return e;
}

/** mean_i ‖e_i − ê_i‖² / ‖e_i‖², ê from each row's kAux largest pre-activations among dead latents, ReLU'd. */
function auxLoss(p: RefParams, x: Float32Array, dIn: number, e: Float64Array): number {
  const pre = densePre(p, x, rows, dIn, width);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const chosen = [...deadLatents].sort((a, b) => pre[i]![b]! - pre[i]![a]!).slice(0, kAux);
    let error = 0;
    let norm = 0;
    for (let d = 0; d < dIn; d++) {
      let ehat = 0;
      for (const j of chosen) ehat += Math.max(0, pre[i]![j]!) * p.W_dec[j * dIn + d]!;
      error += (e[i * dIn + d]! - ehat) ** 2;
      norm += e[i * dIn + d]! ** 2;
    }
    total += error / norm;
  }
  return total / rows;
}

function deadMargin(p: RefParams, x: Float32Array, dIn: number): number {
  const pre = densePre(p, x, rows, dIn, width);
  let margin = Infinity;
  for (const row of pre) {
    const sorted = deadLatents.map((j) => row[j]!).sort((a, b) => b - a);
    margin = Math.min(margin, sorted[kAux - 1]! - sorted[kAux]!, ...sorted.slice(0, kAux).map(Math.abs));
  }
  return margin;
}

function wellSeparatedCase(dIn: number) {
  for (let seed = 1; seed < 400; seed++) {
    const sae = randomSae(dIn, width, k, seed);
    const x = randomArray(rows * dIn, seed + 1000);
    if (selectionMargin(densePre(sae, x, rows, dIn, width), k) > 0.05 && deadMargin(sae, x, dIn) > 0.05) return { sae, x };
  }
  throw new Error('no well-separated case found');
}

function transpose(m: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = m[i * c + j]!;
  return out;
}

const cases: Array<[string, number, (dIn: number) => VectorKernels]> = [
  ['TypeScript kernels, dIn 6', 6, () => jsKernels()],
  ['WebAssembly SIMD kernels, dIn 8', 8, (dIn) => wasmKernels(kernelFloats(dIn, width), KERNEL_ALLOCATIONS)!],
];

describe.each(cases)('the auxiliary-k loss, %s', (_, dIn, makeKernels) => {
  async function run() {
    const kernels = makeKernels(dIn);
    const { sae, x } = wellSeparatedCase(dIn);
    const inKernelMemory = (values: ArrayLike<number>) => {
      const array = kernels.alloc(values.length);
      array.set(values);
      return array;
    };
    const params: Params = { W_encT: inKernelMemory(transpose(sae.W_enc, dIn, width)), b_enc: sae.b_enc, W_dec: inKernelMemory(sae.W_dec), b_dec: sae.b_dec };
    const deadBias = new Float32Array(width);
    expect(fillDeadBias(Uint8Array.from(dead), deadBias)).toBe(deadLatents.length);
    const session = await EncoderSession.open({ ...params, deadBias }, { dIn, width, slots: k, mode: 'topk' });
    const encoded = await session.run(x, rows, kAux);
    await session.close();
    const grads = createGradients(dIn, width, kernels);
    const total = accumulateAuxK(params, x, rows, encoded, k, encoded.aux!, kAux, grads, createWorkspace(dIn, kernels), rows, 1);
    finishBackward(params, grads, createTotals(dIn), rows, kernels);
    return { sae, x, encoded, grads, total };
  }

  it('the graph returns each row’s k_aux largest pre-activations (ReLU’d) among dead latents only', async () => {
    const { sae, x, encoded } = await run();
    const pre = densePre(sae, x, rows, dIn, width);
    for (let i = 0; i < rows; i++) {
      const expected = [...deadLatents].sort((a, b) => pre[i]![b]! - pre[i]![a]!).slice(0, kAux);
      const got = Array.from(encoded.aux!.indices.subarray(i * kAux, (i + 1) * kAux));
      expect(new Set(got)).toEqual(new Set(expected));
      got.forEach((j, t) => expect(encoded.aux!.values[i * kAux + t]).toBeCloseTo(Math.max(0, pre[i]![j]!), 4));
    }
  });

  it('matches finite differences of the reference loss (residual held fixed) for W_dec, W_enc, b_enc and b_dec', async () => {
    const { sae, x, grads, total } = await run();
    const base = { W_enc: sae.W_enc, b_enc: sae.b_enc, W_dec: sae.W_dec, b_dec: sae.b_dec };
    const e = residualOf(base, x, dIn);
    expect(total / rows).toBeCloseTo(auxLoss(base, x, dIn, e), 4);
    const analytic: Record<keyof RefParams, ArrayLike<number>> = {
      W_enc: transpose(grads.W_encT, width, dIn), b_enc: grads.b_enc, W_dec: grads.W_dec, b_dec: grads.b_dec,
    };
    for (const name of ['W_dec', 'W_enc', 'b_enc', 'b_dec'] as const) {
      const numeric = Array.from(centralDifferences(base[name], (values) => auxLoss({ ...base, [name]: values }, x, dIn, e)));
      const scale = Math.max(...numeric.map(Math.abs));
      expect(scale, `${name} has a non-trivial gradient`).toBeGreaterThan(1e-3);
      numeric.forEach((value, i) => expect(Math.abs(analytic[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6));
    }
  });

  it('touches only the rows of dead latents it chose with a positive pre-activation', async () => {
    const { encoded, grads } = await run();
    const chosen = new Set(Array.from(encoded.aux!.indices).filter((_, t) => encoded.aux!.values[t]! > 0));
    expect(chosen.size).toBeGreaterThan(0);
    expect(new Set(grads.touched.subarray(0, grads.touchedCount))).toEqual(chosen);
    for (const j of chosen) expect(dead[j]).toBe(1);
  });
});

describe('training with the auxiliary-k loss', () => {
  it('starts once latents have been dead for deadAfterTokens, adds to the loss, and changes the trained weights', async () => {
    const dIn = 16;
    const rows = 8192;
    const { data } = syntheticData(dIn, 64, 2, rows, 21);
    const options = {
      activations: data, rows, dIn, architecture: 'topk', width: 64, k: 2, batchSize: 256, epochs: 2, seed: 2, deadAfterTokens: 4096, lr: 0.03,
    } as const;
    const auxLosses: number[] = [];
    const withAux = await trainSae({
      ...options, auxK: 8,
      onProgress: (_, __, p) => {
        auxLosses.push(p.auxLoss);
        expect(p.loss).toBeCloseTo(p.reconstructionLoss + p.auxLoss, 10);
      },
    });
    const window = 4096 / 256;
    expect(auxLosses.slice(0, window).every((loss) => loss === 0)).toBe(true);
    // α · ‖e − ê‖²/‖e‖² (α = 1/32): positive on steps with dead latents, about α while ê is small.
    const later = auxLosses.slice(window);
    expect(later.filter((loss) => loss > 0).length).toBeGreaterThan(later.length / 2);
    expect(Math.max(...later)).toBeLessThan(2 / 32);
    const plain = await trainSae({ ...options, auxK: 0, onProgress: (_, __, p) => expect(p.auxLoss).toBe(0) });
    expect(withAux.sae.W_dec).not.toEqual(plain.sae.W_dec);
    expect(Number.isFinite(withAux.metrics.fvu)).toBe(true);
  });

  it('is rejected for architectures without it, and auxK 0 turns it off', async () => {
    const { data } = syntheticData(8, 4, 1, 64, 1);
    await expect(trainSae({ activations: data, rows: 64, dIn: 8, architecture: 'relu', width: 8, auxK: 4, steps: 1 })).rejects.toThrow(
      'auxK applies to topk and batchtopk only',
    );
  });
});

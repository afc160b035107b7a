import { describe, expect, it } from 'vitest';
import { getArchitecture } from '../../src/architectures/registry.ts';
import { EncoderSession } from '../../src/encoding/encoder-session.ts';
import { KERNEL_ALLOCATIONS, backward, createGradients, createWorkspace, kernelFloats } from '../../src/training/gradients.ts';
import type { Params } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';
import { centralDifferences } from '../helpers/finite-differences.ts';
import { densePre } from '../helpers/reference.ts';
import type { RefParams } from '../helpers/reference.ts';
import { architectureLoss, jumpReluLogThresholdGradient } from '../helpers/reference-architectures.ts';
import type { ArchitectureRef } from '../helpers/reference-architectures.ts';

const width = 10;
const rows = 5;
const h = 1e-4;
const bandwidth = 0.6;

const kernelCases: Array<[string, number, (dIn: number) => VectorKernels]> = [
  ['TypeScript kernels, dIn 6', 6, () => jsKernels()],
  ['WebAssembly SIMD kernels, dIn 8', 8, (dIn) => wasmKernels(kernelFloats(dIn, width), KERNEL_ALLOCATIONS)!],
];

function transpose(m: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = m[i * c + j]!;
  return out;
}

/** Smallest distance of any value in the sorted flattened list to the cut between kept and not. */
function margin(pre: number[][], ref: ArchitectureRef): number {
  let m = Infinity;
  if (ref.architecture === 'relu') for (const v of pre.flat()) m = Math.min(m, Math.abs(v));
  if (ref.architecture === 'jumprelu') {
    pre.forEach((row) => row.forEach((v, j) => {
      const d = v - ref.threshold![j]!;
      m = Math.min(m, Math.abs(d), Math.abs(Math.abs(d) - bandwidth / 2));
    }));
  }
  if (ref.architecture === 'batchtopk') {
    const sorted = pre.flat().sort((a, b) => b - a);
    const keep = ref.k! * rows;
    m = Math.min(sorted[keep - 1]! - sorted[keep]!, ...sorted.slice(0, keep).map(Math.abs));
  }
  return m;
}

function makeCase(architecture: ArchitectureRef['architecture'], dIn: number) {
  for (let seed = 1; seed < 500; seed++) {
    const sae = randomSae(dIn, width, 2, seed);
    const x = randomArray(rows * dIn, seed + 1000);
    const threshold = Float64Array.from(randomArray(width, seed + 2000), (v) => 0.3 + 0.4 * Math.abs(v));
    const ref: ArchitectureRef =
      architecture === 'relu' ? { architecture, coefficient: 0.3 } :
      architecture === 'batchtopk' ? { architecture, k: 2 } :
      { architecture, coefficient: 0.2, threshold };
    const pre = densePre(sae, x, rows, dIn, width);
    if (margin(pre, ref) < 0.01) continue;
    if (architecture === 'jumprelu') {
      // The threshold gradient must be exercised: pre-activations inside the window on both sides of θ.
      const inWindow = pre.flatMap((row) => row.map((v, j) => v - threshold[j]!)).filter((d) => Math.abs(d) < bandwidth / 2);
      if (!inWindow.some((d) => d > 0) || !inWindow.some((d) => d < 0)) continue;
    }
    return { sae, x, ref, threshold };
  }
  throw new Error('no well-separated case found');
}

async function runBackward(architecture: ArchitectureRef['architecture'], dIn: number, kernels: VectorKernels) {
  const { sae, x, ref, threshold } = makeCase(architecture, dIn);
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
  const theta = Float32Array.from(threshold);
  const norms = new Float32Array(width);
  for (let j = 0; j < width; j++) norms[j] = Math.hypot(...sae.W_dec.subarray(j * dIn, (j + 1) * dIn));
  const state = { k: ref.k ?? 1, coefficient: ref.coefficient ?? 0, norms, threshold: theta, bandwidth };
  // Every latent gets a slot (slots = width), so the codes are exact.
  const session = await EncoderSession.open(
    { ...params, threshold: theta },
    { dIn, width, slots: width, mode: architecture === 'jumprelu' ? 'threshold-raw' : 'topk' },
  );
  const raw = await session.run(x, rows);
  await session.close();
  const prepared = getArchitecture(architecture).makePrepare!(state)(raw, rows);
  const grads = createGradients(dIn, width, kernels);
  const stats = backward(params, x, rows, prepared.codes, width, grads, createWorkspace(dIn, kernels), prepared.penalty);
  const refParams: RefParams = { W_enc: sae.W_enc, b_enc: sae.b_enc, W_dec: sae.W_dec, b_dec: sae.b_dec };
  return { refParams, x, ref, grads, stats, threshold, codes: prepared.codes };
}

function numericGradient(params: RefParams, name: keyof RefParams, x: Float32Array, dIn: number, ref: ArchitectureRef): Float64Array {
  return centralDifferences(params[name], (values) => architectureLoss({ ...params, [name]: values }, x, rows, dIn, width, ref).total, h);
}

describe.each(kernelCases)('gradients of relu, batchtopk and jumprelu, %s', (_, dIn, makeKernels) => {
  it.each(['relu', 'batchtopk', 'jumprelu'] as const)('%s: W_dec, W_enc, b_enc, b_dec match finite differences of the loss', async (architecture) => {
    const { refParams, x, ref, grads, stats } = await runBackward(architecture, dIn, makeKernels(dIn));
    const expected = architectureLoss(refParams, x, rows, dIn, width, ref);
    expect(stats.loss).toBeCloseTo(expected.total, 4);
    expect(stats.sparsityLoss).toBeCloseTo(expected.penalty, 4);
    if (architecture !== 'batchtopk') expect(expected.penalty).toBeGreaterThan(0);
    const analytic: Record<keyof RefParams, ArrayLike<number>> = {
      W_enc: transpose(grads.W_encT, width, dIn),
      b_enc: grads.b_enc,
      W_dec: grads.W_dec,
      b_dec: grads.b_dec,
    };
    for (const name of ['W_dec', 'W_enc', 'b_enc', 'b_dec'] as const) {
      const numeric = numericGradient(refParams, name, x, dIn, ref);
      const scale = Math.max(...numeric.map(Math.abs));
      expect(scale, `${name} has a non-trivial gradient`).toBeGreaterThan(1e-3);
      numeric.forEach((value, i) => {
        expect(Math.abs(analytic[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6);
      });
    }
  });

  it('batchtopk keeps k·rows latents over the batch, not k per row', async () => {
    const { codes } = await runBackward('batchtopk', dIn, makeKernels(dIn));
    const perRow = Array.from({ length: rows }, (_, i) => codes.values.subarray(i * width, (i + 1) * width).filter((v) => v > 0).length);
    expect(perRow.reduce((a, b) => a + b, 0)).toBe(2 * rows);
    expect(new Set(perRow).size).toBeGreaterThan(1);
  });

  it('jumprelu: the log-threshold gradient is the straight-through estimate (rectangle kernel)', async () => {
    const { refParams, x, ref, grads, threshold } = await runBackward('jumprelu', dIn, makeKernels(dIn));
    const expected = jumpReluLogThresholdGradient(refParams, x, rows, dIn, width, threshold, ref.coefficient!, bandwidth);
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(0);
    const scale = Math.max(...expected.map(Math.abs));
    expected.forEach((value, j) => expect(Math.abs(grads.latent[j]! - value), `logθ[${j}]`).toBeLessThan(1e-4 * scale + 1e-6));
  });

  it('jumprelu: the L0 part of the estimator is the finite difference of the L0 penalty with step ε/2 in θ', async () => {
    // With only the penalty (decoder zeroed, x̂ = b_dec does not depend on θ), ∂L/∂θ of the STE
    // equals (L0(θ + ε/2) − L0(θ − ε/2)) / ε exactly, for each latent.
    const { refParams, x, ref, threshold } = await runBackward('jumprelu', dIn, makeKernels(dIn));
    const W_dec = new Float64Array(width * dIn);
    const stePerTheta = Float64Array.from(
      jumpReluLogThresholdGradient({ ...refParams, W_dec }, x, rows, dIn, width, threshold, ref.coefficient!, bandwidth),
      (g, j) => g / threshold[j]!,
    );
    for (let j = 0; j < width; j++) {
      const at = (delta: number) => {
        const shifted = Float64Array.from(threshold);
        shifted[j] = shifted[j]! + delta;
        return architectureLoss({ ...refParams, W_dec }, x, rows, dIn, width, { ...ref, threshold: shifted }).penalty;
      };
      expect(stePerTheta[j]).toBeCloseTo((at(bandwidth / 2) - at(-bandwidth / 2)) / bandwidth, 10);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { KERNEL_ALLOCATIONS, createGradients, createTotals, createWorkspace, finishBackward, kernelFloats } from '../../src/training/gradients.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { accumulateMpBackward } from '../../src/training/mp-backward.ts';
import { mergeMpSteps } from '../../src/encoding/mp-codes.ts';
import { MpSession } from '../../src/encoding/mp-session.ts';
import { randomArray } from '../helpers/fixtures.ts';
import { centralDifferences } from '../helpers/finite-differences.ts';
import { mpLoss, mpRow } from '../helpers/reference-mp.ts';

const width = 10;
const rows = 5;
const steps = 3;

/** Decoder rows of norm in [0.8, 1.2] (not exactly 1: the gradient must not rely on unit atoms). */
function atoms(dIn: number, count: number, seed: number, unit = false): Float32Array {
  const W = randomArray(count * dIn, seed);
  const scales = randomArray(count, seed + 1);
  for (let j = 0; j < count; j++) {
    const row = W.subarray(j * dIn, (j + 1) * dIn);
    const norm = Math.hypot(...row);
    const scale = unit ? 1 : 1 + 0.2 * Math.tanh(scales[j]!);
    for (let d = 0; d < dIn; d++) row[d] = (row[d]! / norm) * scale;
  }
  return W;
}

async function trajectory(W_dec: Float32Array, b_dec: Float32Array, x: Float32Array, n: number, k: number, residualThreshold = 0) {
  const dIn = b_dec.length;
  const session = await MpSession.open({ W_dec, b_dec }, { dIn, width: W_dec.length / dIn, steps: k, residualThreshold });
  try {
    return await session.run(x, n);
  } finally {
    await session.close();
  }
}

/** A case whose every choice (argmax, ReLU, threshold) is at least 0.02 from flipping, with a repeated atom. */
function makeCase(dIn: number, threshold: number) {
  for (let seed = 1; seed < 500; seed++) {
    const W_dec = atoms(dIn, width, seed);
    const b_dec = randomArray(dIn, seed + 100, 0.2);
    const x = randomArray(rows * dIn, seed + 200);
    const { margin } = mpLoss(W_dec, b_dec, x, rows, width, steps, threshold);
    if (margin < 0.02) continue;
    const references = Array.from({ length: rows }, (_, i) => mpRow(W_dec, b_dec, x, i * dIn, width, steps, threshold));
    // Some row must choose an atom twice (its gradient sums over both steps).
    const repeats = references.some(({ indices, values }) => {
      const chosen = indices.filter((_, t) => values[t]! > 0);
      return new Set(chosen).size < chosen.length;
    });
    if (!repeats) continue;
    // A threshold must stop some steps and not others.
    const values = references.flatMap((row) => row.values);
    if (threshold > 0 && (!values.some((v) => v === 0) || values.filter((v) => v > 0).length < rows)) continue;
    return { W_dec, b_dec, x };
  }
  throw new Error('no well-separated case found');
}

const kernelCases: Array<[string, number, (dIn: number) => VectorKernels]> = [
  ['TypeScript kernels, dIn 6', 6, () => jsKernels()],
  ['WebAssembly SIMD kernels, dIn 8', 8, (dIn) => wasmKernels(kernelFloats(dIn, width), KERNEL_ALLOCATIONS)!],
];

describe.each(kernelCases)('mp backward, %s', (_, dIn, makeKernels) => {
  it.each([0, 1.4])('W_dec and b_dec gradients match finite differences of the unrolled pursuit (residual threshold %s)', async (threshold) => {
    const { W_dec, b_dec, x } = makeCase(dIn, threshold);
    const kernels = makeKernels(dIn);
    const params = { W_encT: kernels.alloc(width * dIn), b_enc: new Float32Array(width), W_dec: kernels.alloc(width * dIn), b_dec };
    params.W_dec.set(W_dec);
    const grads = createGradients(dIn, width, kernels);
    const totals = createTotals(dIn);
    const codes = await trajectory(W_dec, b_dec, x, rows, steps, threshold);
    accumulateMpBackward(params, x, rows, codes, steps, grads, createWorkspace(dIn, kernels), rows, totals);
    const stats = finishBackward(params, grads, totals, rows, kernels);

    const reference = mpLoss(W_dec, b_dec, x, rows, width, steps, threshold);
    expect(stats.loss).toBeCloseTo(reference.loss, 4);
    const numeric = {
      W_dec: centralDifferences(W_dec, (W) => mpLoss(W, b_dec, x, rows, width, steps, threshold).loss),
      b_dec: centralDifferences(b_dec, (b) => mpLoss(W_dec, b, x, rows, width, steps, threshold).loss),
    };
    for (const name of ['W_dec', 'b_dec'] as const) {
      const scale = Math.max(...numeric[name].map(Math.abs));
      expect(scale, `${name} has a non-trivial gradient`).toBeGreaterThan(1e-3);
      numeric[name].forEach((value, i) => {
        expect(Math.abs(grads[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6);
      });
    }
    // Only the chosen atoms have a gradient, and mp has no encoder to train.
    const chosen = new Set(Array.from(codes.indices).filter((_, s) => codes.values[s]! > 0));
    for (let j = 0; j < width; j++) {
      if (!chosen.has(j)) expect(grads.W_dec.subarray(j * dIn, (j + 1) * dIn).every((v) => v === 0)).toBe(true);
    }
    expect(grads.b_enc.every((v) => v === 0) && grads.W_encT.every((v) => v === 0)).toBe(true);
  });
});

describe('mp forward (ONNX graph)', () => {
  const dIn = 12;
  const wide = 40;
  const many = 64;
  const k = 8;
  const W_dec = atoms(dIn, wide, 7, true);
  const b_dec = randomArray(dIn, 8, 0.2);
  const x = randomArray(many * dIn, 9);

  it('matches a plain float64 reference, step by step', async () => {
    const codes = await trajectory(W_dec, b_dec, x, many, k);
    let compared = 0;
    for (let i = 0; i < many; i++) {
      const reference = mpRow(W_dec, b_dec, x, i * dIn, wide, k);
      if (reference.margin < 1e-4) continue; // a near-tie may go either way in float32
      compared++;
      expect(Array.from(codes.indices.subarray(i * k, (i + 1) * k))).toEqual(reference.indices);
      reference.values.forEach((v, t) => expect(codes.values[i * k + t]).toBeCloseTo(v, 5));
    }
    expect(compared).toBeGreaterThan(many / 2);
  });

  it('never increases the residual norm, and leaves the residual orthogonal to the atom just chosen', async () => {
    const codes = await trajectory(W_dec, b_dec, x, many, k);
    for (let i = 0; i < many; i++) {
      // Replay the graph's own trajectory in float64.
      let r = Array.from({ length: dIn }, (_, d) => x[i * dIn + d]! - b_dec[d]!);
      for (let t = 0; t < k; t++) {
        const j = codes.indices[i * k + t]!;
        const a = codes.values[i * k + t]!;
        const atom = Array.from(W_dec.subarray(j * dIn, (j + 1) * dIn));
        const next = r.map((rd, d) => rd - a * atom[d]!);
        expect(Math.hypot(...next)).toBeLessThanOrEqual(Math.hypot(...r) + 1e-6);
        if (a > 0) expect(Math.abs(next.reduce((s, v, d) => s + v * atom[d]!, 0))).toBeLessThan(1e-5 * (1 + Math.hypot(...r)));
        r = next;
      }
    }
  });

  it('stops once the residual norm falls below the threshold (later steps contribute 0)', async () => {
    const threshold = 1.5;
    const codes = await trajectory(W_dec, b_dec, x, many, k, threshold);
    let stopped = 0;
    for (let i = 0; i < many; i++) {
      const reference = mpRow(W_dec, b_dec, x, i * dIn, wide, k, threshold);
      if (reference.margin < 1e-4) continue;
      reference.values.forEach((v, t) => expect(codes.values[i * k + t]).toBeCloseTo(v, 5));
      const firstZero = reference.values.indexOf(0);
      if (firstZero >= 0) {
        stopped++;
        expect(Math.hypot(...reference.residuals[firstZero]!)).toBeLessThan(threshold);
        expect(reference.values.slice(firstZero).every((v) => v === 0)).toBe(true);
      }
    }
    expect(stopped).toBeGreaterThan(0);
  });
});

describe('mergeMpSteps', () => {
  it('sums an atom chosen twice into one slot, orders slots largest first and keeps indices distinct', () => {
    const trajectory = { indices: Int32Array.from([3, 1, 3, 0, 2, 2, 2, 2]), values: Float32Array.from([0.5, 0.7, 0.4, 0, 1, 0.25, 0, 0]) };
    const codes = mergeMpSteps(trajectory, 2, 4);
    expect(Array.from(codes.indices)).toEqual([3, 1, 0, 2, 2, 0, 1, 3]);
    expect(Array.from(codes.values)).toEqual([0.5 + 0.4, 0.7, 0, 0, 1.25, 0, 0, 0].map(Math.fround));
  });
});

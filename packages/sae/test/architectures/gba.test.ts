import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncoderSession } from '../../src/encoding/encoder-session.ts';
import { KERNEL_ALLOCATIONS, createGradients, createTotals, createWorkspace, finishBackward, kernelFloats } from '../../src/training/gradients.ts';
import type { Params } from '../../src/training/gradients.ts';
import { quantileBiasStart } from '../../src/training/gba-bias-start.ts';
import { DEFAULT_GBA, gbaGroups } from '../../src/training/group-bias-adaptation.ts';
import { accumulateTiedBackward } from '../../src/training/tied-backward.ts';
import { jsKernels, wasmKernels } from '../../src/kernels/choose-kernels.ts';
import type { VectorKernels } from '../../src/kernels/choose-kernels.ts';
import { createEncoder, loadSae, saveSaeLens, trainSae } from '../../src/index.ts';
import { randomArray, syntheticData } from '../helpers/fixtures.ts';
import { centralDifferences } from '../helpers/finite-differences.ts';
import { tiedLoss, tiedProjections } from '../helpers/reference-architectures.ts';
import type { TiedRefParams } from '../helpers/reference-architectures.ts';

const width = 10;
const rows = 6;

/** Random tied parameters whose gate margins u + b all stay at least 0.02 from 0 (finite differences never cross a gate). */
function tiedCase(dIn: number): { ref: TiedRefParams; x: Float32Array; margins: number[][] } {
  for (let seed = 1; seed < 500; seed++) {
    const W = randomArray(width * dIn, seed, 0.6);
    // One negative output scale: the gradients must not assume a > 0.
    const a = Float32Array.from(randomArray(width, seed + 1), (v, m) => (m === 3 ? -0.4 : 0.2 + Math.abs(v)));
    const bPre = randomArray(dIn, seed + 2, 0.1);
    const b = Float32Array.from(randomArray(width, seed + 3), (v) => -Math.min(0.9, Math.abs(v) * 0.4));
    const x = randomArray(rows * dIn, seed + 4);
    const ref = { W, a, bPre, b };
    const margins = tiedProjections(ref, x, rows, dIn, width).map((row) => row.map((u, m) => u + b[m]!));
    const flat = margins.flat();
    if (Math.min(...flat.map(Math.abs)) > 0.02 && flat.some((v) => v > 0) && flat.some((v) => v < 0)) return { ref, x, margins };
  }
  throw new Error('no well-separated case found');
}

const kernelCases: Array<[string, number, (dIn: number) => VectorKernels]> = [
  ['TypeScript kernels, dIn 6', 6, () => jsKernels()],
  ['WebAssembly SIMD kernels, dIn 8', 8, (dIn) => wasmKernels(kernelFloats(dIn, width), KERNEL_ALLOCATIONS)!],
];

describe.each(kernelCases)('gba (tied): the training graph and backward pass, %s', (_, dIn, makeKernels) => {
  it('the graph gates at θ = −b and reduces firing counts and largest margins u + b; the gradients of W, a and b_pre match finite differences', async () => {
    const kernels = makeKernels(dIn);
    const { ref, x, margins } = tiedCase(dIn);
    const inKernelMemory = (values: ArrayLike<number>) => {
      const array = kernels.alloc(values.length);
      array.set(values);
      return array;
    };
    const W = inKernelMemory(ref.W);
    const params: Params = { W_encT: kernels.alloc(width * dIn), b_enc: new Float32Array(ref.b), W_dec: W, b_dec: Float32Array.from(ref.bPre), outputScale: Float32Array.from(ref.a) };
    const threshold = Float32Array.from(ref.b, (b) => -b);
    const session = await EncoderSession.open(
      { W_encT: W, b_enc: new Float32Array(width), b_dec: params.b_dec, threshold },
      { dIn, width, slots: width, mode: 'threshold', stats: true },
    );
    const codes = await session.run(x, rows);
    await session.close();
    const u = tiedProjections(ref, x, rows, dIn, width);
    for (let m = 0; m < width; m++) {
      expect(codes.fired![m], `fired[${m}]`).toBe(margins.filter((row) => row[m]! > 0).length);
      expect(codes.maxPre![m], `maxPre[${m}]`).toBeCloseTo(Math.max(...margins.map((row) => row[m]!)), 5);
    }
    for (let i = 0; i < rows; i++) {
      for (let s = 0; s < width; s++) {
        const m = codes.indices[i * width + s]!;
        expect(codes.values[i * width + s], `row ${i} neuron ${m}`).toBeCloseTo(margins[i]![m]! > 0 ? u[i]![m]! : 0, 5);
      }
    }

    const grads = createGradients(dIn, width, kernels);
    const totals = createTotals(dIn);
    accumulateTiedBackward(params, x, rows, codes, width, grads, createWorkspace(dIn, kernels), rows, totals);
    const stats = finishBackward(params, grads, totals, rows, kernels);
    expect(stats.loss).toBeCloseTo(tiedLoss(ref, x, rows, dIn, width), 5);
    expect(stats.l0).toBeCloseTo(margins.flat().filter((v) => v > 0).length / rows, 10);
    // No separate encoder and no gradient for b: those buffers stay zero.
    expect(grads.W_encT.every((v) => v === 0)).toBe(true);
    expect(grads.b_enc.every((v) => v === 0)).toBe(true);

    const analytic: Record<'W' | 'a' | 'bPre', ArrayLike<number>> = { W: grads.W_dec, a: grads.latent, bPre: grads.b_dec };
    for (const name of ['W', 'a', 'bPre'] as const) {
      const numeric = centralDifferences(ref[name], (values) => tiedLoss({ ...ref, [name]: values }, x, rows, dIn, width), 1e-4);
      const scale = Math.max(...numeric.map(Math.abs));
      expect(scale, `${name} has a non-trivial gradient`).toBeGreaterThan(1e-3);
      numeric.forEach((value, i) => expect(Math.abs(analytic[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6));
    }
  });
});

describe('gba: the quantile bias start (not the paper\'s)', () => {
  it('each neuron starts firing on floor(target·rows) of the sample rows, within the rule\'s [−1, 0]', async () => {
    const dIn = 8;
    const neurons = 40;
    const sampleRows = 3000;
    const W = randomArray(neurons * dIn, 31);
    for (let m = 0; m < neurons; m++) {
      const norm = Math.hypot(...W.subarray(m * dIn, (m + 1) * dIn));
      for (let d = 0; d < dIn; d++) W[m * dIn + d] = W[m * dIn + d]! / norm;
    }
    const bPre = randomArray(dIn, 32, 0.1);
    const sample = randomArray(sampleRows * dIn, 33, 0.3);
    const settings = { ...DEFAULT_GBA, groups: 4, maxFrequency: 0.5, minFrequency: 0.002 };
    const groups = gbaGroups(neurons, settings);
    const b = await quantileBiasStart(W, bPre, sample, sampleRows, groups, {});
    const u = tiedProjections({ W, a: [], bPre, b }, sample, sampleRows, dIn, neurons);
    for (let m = 0; m < neurons; m++) {
      const target = groups.target[groups.group[m]!]!;
      const firing = u.filter((row) => row[m]! + b[m]! > 0).length;
      expect(b[m]).toBeGreaterThanOrEqual(-1);
      expect(b[m]).toBeLessThanOrEqual(0);
      // Unclamped (the quantile lies inside [0, 1]), the count is exact up to the quantile row itself,
      // whose float64 projection here may land either side of onnxruntime's float32 one.
      if (b[m]! < 0 && b[m]! > -1) expect(Math.abs(firing - Math.floor(target * sampleRows)), `neuron ${m}, target ${target}`).toBeLessThanOrEqual(1);
    }
    expect(b.filter((v) => v < 0 && v > -1).length).toBeGreaterThan(neurons / 2);
  });
});

describe('trainSae, gba (tied)', () => {
  const dIn = 16;
  const trainRows = 4096;
  const trainWidth = 48;
  const { data } = syntheticData(dIn, 12, 3, trainRows, 11);
  const train = (extra = {}) => trainSae({
    activations: data, rows: trainRows, dIn, width: trainWidth, architecture: 'gba', batchSize: 256, epochs: 20, seed: 3, lr: 5e-3,
    gbaGroups: 4, gbaInterval: 10, gbaMaxFrequency: 0.5, gbaMinFrequency: 0.05, ...extra,
  });

  it('trains the tied form: unit neurons as W_enc columns, W_dec = a·w, b_enc = 0, θ = −b in [0, 1], b_pre held at the data mean, a fitted; SAELens jumprelu marked gba round-trips and encodes alike', async () => {
    const { sae, metrics } = await train();
    expect(sae.cfg.architecture).toBe('gba');
    expect(metrics.fvu).toBeLessThan(0.3);
    // b_pre stayed at the mean of the evaluation sample (all rows here).
    const mean = Array.from({ length: dIn }, (_, d) => { let s = 0; for (let i = 0; i < trainRows; i++) s += data[i * dIn + d]!; return s / trainRows; });
    mean.forEach((m, d) => expect(sae.b_dec[d]).toBeCloseTo(m, 5));
    expect(sae.b_enc.every((v) => v === 0)).toBe(true);
    expect(sae.threshold!.every((t) => t >= 0 && t <= 1)).toBe(true);
    expect(sae.threshold!.some((t) => t > 0)).toBe(true);
    for (let m = 0; m < trainWidth; m++) {
      const w = Array.from({ length: dIn }, (_, d) => sae.W_enc[d * trainWidth + m]!);
      expect(Math.hypot(...w), `‖w_${m}‖`).toBeCloseTo(1, 5);
      // W_dec[m] = a_m·w_m: parallel to the encoder column.
      const row = sae.W_dec.subarray(m * dIn, (m + 1) * dIn);
      const a = row.reduce((sum, v, d) => sum + v * w[d]!, 0);
      row.forEach((v, d) => expect(v).toBeCloseTo(a * w[d]!, 5));
    }
    const dir = await mkdtemp(join(tmpdir(), 'sae-gba-'));
    try {
      await saveSaeLens(dir, sae, metrics);
      const cfg = JSON.parse(await readFile(join(dir, 'cfg.json'), 'utf8'));
      expect(cfg.architecture).toBe('jumprelu');
      expect(cfg.metadata.atlas_architecture).toBe('gba');
      const loaded = await loadSae(dir);
      expect(loaded.cfg).toEqual(sae.cfg);
      for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec', 'threshold'] as const) {
        expect(Buffer.from(loaded[name]!.buffer).equals(Buffer.from(sae[name]!.buffer)), name).toBe(true);
      }
      // The inference encoder fires exactly the neurons whose margin u + b is positive, with value u.
      const x = data.subarray(0, 20 * dIn);
      const encoder = await createEncoder(loaded, { maxActive: trainWidth });
      const codes = await encoder.encode(x, 20);
      await encoder.close();
      const W = new Float32Array(trainWidth * dIn);
      for (let m = 0; m < trainWidth; m++) for (let d = 0; d < dIn; d++) W[m * dIn + d] = sae.W_enc[d * trainWidth + m]!;
      const b = Float32Array.from(sae.threshold!, (t) => -t);
      const u = tiedProjections({ W, a: [], bPre: sae.b_dec, b }, x, 20, dIn, trainWidth);
      for (let i = 0; i < 20; i++) {
        const fired = new Map<number, number>();
        for (let s = 0; s < trainWidth; s++) if (codes.values[i * trainWidth + s]! > 0) fired.set(codes.indices[i * trainWidth + s]!, codes.values[i * trainWidth + s]!);
        for (let m = 0; m < trainWidth; m++) {
          if (Math.abs(u[i]![m]! + b[m]!) < 1e-5) continue;
          expect(fired.has(m), `row ${i} neuron ${m}`).toBe(u[i]![m]! + b[m]! > 0);
          if (fired.has(m)) expect(fired.get(m)).toBeCloseTo(u[i]![m]!, 4);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with trained output scales (a and b_pre moved by Adam with the neurons) it reconstructs well', async () => {
    const { sae, metrics } = await train({ gbaOutputScales: 'trained' });
    expect(metrics.fvu).toBeLessThan(0.1);
    expect(sae.b_enc.every((v) => v === 0)).toBe(true);
  });

  it('with the quantile start the groups fire near their targets from the start, and training stays deterministic', async () => {
    const first = await train({ gbaBiasStart: 'quantile', epochs: 2 });
    const again = await train({ gbaBiasStart: 'quantile', epochs: 2 });
    expect(Buffer.from(first.sae.W_dec.buffer).equals(Buffer.from(again.sae.W_dec.buffer))).toBe(true);
    // Targets 0.5 → 0.05 over 4 groups of 12: L0 near (48/4)·Σ targets ≈ 12·0.83 ≈ 10, far below the zero start's.
    const zero = await train({ epochs: 2 });
    expect(first.metrics.l0).toBeLessThan(16);
    expect(zero.metrics.l0).toBeGreaterThan(first.metrics.l0);
  });
});

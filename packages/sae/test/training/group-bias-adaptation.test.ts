import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncoderSession } from '../../src/encoding/encoder-session.ts';
import { DEFAULT_GBA, GbaWindow, gbaBiasUpdate, gbaGroups } from '../../src/training/group-bias-adaptation.ts';
import { backward, createGradients, createWorkspace } from '../../src/training/gradients.ts';
import type { Params } from '../../src/training/gradients.ts';
import { jsKernels } from '../../src/kernels/choose-kernels.ts';
import { loadSae, saveSaeLens, trainSae } from '../../src/index.ts';
import { planTraining } from '../../src/training/plan.ts';
import { randomArray, randomSae, syntheticData } from '../helpers/fixtures.ts';
import { densePre } from '../helpers/reference.ts';
import type { RefParams } from '../helpers/reference.ts';
import { architectureLoss } from '../helpers/reference-architectures.ts';

describe('gba: groups and the bias update rule', () => {
  it('targets are geometric from 0.5 to 1e-3 over K groups of contiguous neurons', () => {
    const { target, group } = gbaGroups(20, DEFAULT_GBA);
    expect(target.length).toBe(10);
    expect(target[0]).toBeCloseTo(0.5, 12);
    expect(target[9]).toBeCloseTo(1e-3, 12);
    for (let g = 1; g < 10; g++) expect(target[g]! / target[g - 1]!).toBeCloseTo((1e-3 / 0.5) ** (1 / 9), 10);
    expect(Array.from(group)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  it('lowers over-firing biases by γ·r (floor −1), raises dead ones by γ·s̄ (ceiling 0), leaves the rest', () => {
    // Two groups of three neurons; targets 0.5 and 0.1. Window of 100 rows.
    const groups = { target: Float64Array.from([0.5, 0.1]), group: Int32Array.from([0, 0, 0, 1, 1, 1]) };
    const b = Float32Array.from([-0.2, -0.995, -0.3, -0.5, -0.001, -0.4]);
    const fired = [80, 90, 0, 5, 0, 20]; // p̂ = 0.8, 0.9, 0, 0.05, 0, 0.2
    const maxPre = [2, 3, -0.5, 1.5, -1, 4]; // r = 2, 3, 0, 1.5, 0, 4
    const result = gbaBiasUpdate(b, fired, maxPre, 100, groups, { step: 0.01, deadFrequency: 1e-6 });
    // group 0: s̄ = (2 + 3) / 2 = 2.5; group 1: s̄ = (1.5 + 4) / 2 = 2.75
    const expected = [
      -0.2 - 0.01 * 2, // over target 0.5: lowered by γ·r
      -1, // −0.995 − 0.03 clamps at −1
      -0.3 + 0.01 * 2.5, // dead: raised by γ·s̄ of group 0
      -0.5, // p̂ 0.05 ≤ 0.1 and not dead: unchanged
      0, // dead: −0.001 + 0.0275 clamps at 0
      -0.4 - 0.01 * 4, // over target 0.1
    ];
    expected.forEach((v, j) => expect(b[j], `b[${j}]`).toBeCloseTo(v, 6));
    expect(result).toEqual({ lowered: 3, raised: 2 });
  });

  it('repeated updates bring every neuron down to its group target frequency, from above (the feedback loop converges)', () => {
    // Fixed neurons and data (pre-activation = w·x + b, x at unit scale as in the paper), only the
    // biases adapt: each neuron must end just under its target, not far below (γ·r steps are small).
    const dIn = 8;
    const width = 16;
    const rows = 4000;
    const x = randomArray(rows * dIn, 21, 0.35);
    const w = randomArray(width * dIn, 22);
    for (let j = 0; j < width; j++) {
      const norm = Math.hypot(...w.subarray(j * dIn, (j + 1) * dIn));
      for (let i = 0; i < dIn; i++) w[j * dIn + i] = w[j * dIn + i]! / norm;
    }
    const settings = { ...DEFAULT_GBA, groups: 4, maxFrequency: 0.5, minFrequency: 0.01 };
    const groups = gbaGroups(width, settings);
    const b = new Float32Array(width);
    const frequencies = () => {
      const fired = new Float64Array(width);
      const maxPre = new Float64Array(width).fill(-Infinity);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          let pre = b[j]!;
          for (let i = 0; i < dIn; i++) pre += w[j * dIn + i]! * x[r * dIn + i]!;
          if (pre > 0) fired[j] = fired[j]! + 1;
          maxPre[j] = Math.max(maxPre[j]!, pre);
        }
      }
      return { fired, maxPre };
    };
    for (let update = 0; update < 400; update++) {
      const { fired, maxPre } = frequencies();
      gbaBiasUpdate(b, fired, maxPre, rows, groups, settings);
    }
    const { fired } = frequencies();
    for (let j = 0; j < width; j++) {
      const target = groups.target[groups.group[j]!]!;
      expect(fired[j]! / rows, `neuron ${j} (target ${target})`).toBeLessThanOrEqual(target);
      expect(fired[j]! / rows, `neuron ${j} (target ${target})`).toBeGreaterThan(0.5 * target);
      expect(b[j]).toBeGreaterThan(-1);
    }
  });

  it('a dead neuron in a group where nothing fires stays where it is', () => {
    const groups = { target: Float64Array.from([0.5]), group: Int32Array.from([0, 0]) };
    const b = Float32Array.from([-0.5, -0.7]);
    gbaBiasUpdate(b, [0, 0], [-1, -2], 10, groups, { step: 0.01, deadFrequency: 1e-6 });
    expect(Array.from(b)).toEqual([-0.5, Math.fround(-0.7)]);
  });

  it('rejects bad settings with a clear message', () => {
    const base = { activations: new Float32Array(64), rows: 8, dIn: 8, width: 16, architecture: 'gba' as const };
    expect(() => planTraining({ ...base, gbaGroups: 17 })).toThrow(/gbaGroups/);
    expect(() => planTraining({ ...base, gbaInterval: 0 })).toThrow(/gbaInterval/);
    expect(() => planTraining({ ...base, gbaMinFrequency: 0.9 })).toThrow(/gbaMinFrequency/);
    expect(() => planTraining({ ...base, gbaStep: -1 })).toThrow(/gbaStep/);
    expect(planTraining(base).gba).toEqual(DEFAULT_GBA);
  });
});

describe('gba: the encoder graph reduces firing counts and max pre-activations inside onnxruntime', () => {
  it('matches a dense reference, and accumulates over chunks in a window', async () => {
    const dIn = 6;
    const width = 9;
    const rows = 7;
    const sae = randomSae(dIn, width, 2, 5);
    const x = randomArray(rows * dIn, 6);
    const session = await EncoderSession.open(sae, { dIn, width, slots: 3, mode: 'topk', stats: true });
    const window = new GbaWindow(width);
    try {
      const first = await session.run(x.subarray(0, 3 * dIn), 3);
      const second = await session.run(x.subarray(3 * dIn), rows - 3);
      window.record(first.fired!, first.maxPre!, 3);
      window.record(second.fired!, second.maxPre!, rows - 3);
      expect(first.fired!.length).toBe(width);
    } finally {
      await session.close();
    }
    const pre = densePre(sae, x, rows, dIn, width);
    expect(window.rows).toBe(rows);
    for (let j = 0; j < width; j++) {
      expect(window.fired[j], `fired[${j}]`).toBe(pre.filter((row) => row[j]! > 0).length);
      expect(window.maxPre[j], `maxPre[${j}]`).toBeCloseTo(Math.max(...pre.map((row) => row[j]!)), 5);
    }
  });
});

describe('gba: gradients (reconstruction only, ReLU codes) match finite differences', () => {
  it('W_dec, W_enc, b_enc, b_dec', async () => {
    const dIn = 6;
    const width = 10;
    const rows = 5;
    const h = 1e-4;
    let found;
    for (let seed = 1; seed < 200 && !found; seed++) {
      const sae = randomSae(dIn, width, 2, seed);
      const x = randomArray(rows * dIn, seed + 1000);
      const pre = densePre(sae, x, rows, dIn, width);
      if (Math.min(...pre.flat().map(Math.abs)) > 0.01) found = { sae, x };
    }
    const { sae, x } = found!;
    const kernels = jsKernels();
    const W_encT = new Float32Array(width * dIn);
    for (let d = 0; d < dIn; d++) for (let j = 0; j < width; j++) W_encT[j * dIn + d] = sae.W_enc[d * width + j]!;
    const params: Params = { W_encT, b_enc: sae.b_enc, W_dec: sae.W_dec, b_dec: sae.b_dec };
    const session = await EncoderSession.open(params, { dIn, width, slots: width, mode: 'topk', stats: true });
    const codes = await session.run(x, rows);
    await session.close();
    const grads = createGradients(dIn, width, kernels);
    const stats = backward(params, x, rows, codes, width, grads, createWorkspace(dIn, kernels));
    const refParams: RefParams = { W_enc: sae.W_enc, b_enc: sae.b_enc, W_dec: sae.W_dec, b_dec: sae.b_dec };
    const ref = { architecture: 'relu' as const, coefficient: 0 };
    expect(stats.loss).toBeCloseTo(architectureLoss(refParams, x, rows, dIn, width, ref).total, 4);
    expect(stats.sparsityLoss).toBe(0);
    const analytic: Record<keyof RefParams, ArrayLike<number>> = {
      W_enc: Float64Array.from({ length: dIn * width }, (_, i) => grads.W_encT[(i % width) * dIn + Math.floor(i / width)]!),
      b_enc: grads.b_enc,
      W_dec: grads.W_dec,
      b_dec: grads.b_dec,
    };
    for (const name of ['W_dec', 'W_enc', 'b_enc', 'b_dec'] as const) {
      const base = Float64Array.from(refParams[name]);
      const numeric = base.map((_, i) => {
        const at = (delta: number) => {
          const copy = Float64Array.from(base);
          copy[i] = copy[i]! + delta;
          return architectureLoss({ ...refParams, [name]: copy }, x, rows, dIn, width, ref).total;
        };
        return (at(h) - at(-h)) / (2 * h);
      });
      const scale = Math.max(...numeric.map(Math.abs));
      expect(scale).toBeGreaterThan(1e-3);
      numeric.forEach((value, i) => expect(Math.abs(analytic[name][i]! - value), `${name}[${i}]`).toBeLessThan(1e-3 * scale + 1e-6));
    }
  });
});

describe('trainSae, gba', () => {
  it('learns synthetic sparse data to low FVU with biases set only by adaptation, and round-trips through SAELens', async () => {
    const dIn = 16;
    const rows = 4096;
    const width = 24;
    const { data } = syntheticData(dIn, 12, 3, rows, 11);
    const { sae, metrics } = await trainSae({
      activations: data, rows, dIn, width, architecture: 'gba', batchSize: 256, epochs: 20, seed: 3,
      gbaGroups: 4, gbaInterval: 10,
    });
    expect(sae.cfg.architecture).toBe('gba');
    expect(metrics.fvu).toBeLessThan(0.05);
    // Biases moved by adaptation only: within [−1, 0] and not all at their initial 0.
    expect(Math.min(...sae.b_enc)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...sae.b_enc)).toBeLessThanOrEqual(0);
    expect(sae.b_enc.some((b) => b < 0)).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'sae-gba-'));
    try {
      await saveSaeLens(dir, sae, metrics);
      const cfg = JSON.parse(await readFile(join(dir, 'cfg.json'), 'utf8'));
      expect(cfg.architecture).toBe('standard');
      expect(cfg.metadata.atlas_architecture).toBe('gba');
      const loaded = await loadSae(dir);
      expect(loaded.cfg.architecture).toBe('gba');
      expect(loaded.cfg.k).toBe(sae.cfg.k);
      expect(Buffer.from(loaded.W_enc.buffer).equals(Buffer.from(sae.W_enc.buffer))).toBe(true);
      expect(Buffer.from(loaded.b_enc.buffer).equals(Buffer.from(sae.b_enc.buffer))).toBe(true);
      expect(Buffer.from(loaded.W_dec.buffer).equals(Buffer.from(sae.W_dec.buffer))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEncoder, evaluateSae, loadSae, saveSaeLens, trainSae } from '../src/index.ts';
import type { NormalizeActivations, SaeWeights } from '../src/index.ts';
import { denormaliseReconstruction, estimateActivationScale, normaliseRows } from '../src/normalise.ts';
import { randomArray, randomSae, syntheticData } from './helpers/fixtures.ts';

const dIn = 8;
const rows = 50;

function rowNorms(x: Float32Array): number[] {
  return Array.from({ length: x.length / dIn }, (_, i) => Math.hypot(...x.subarray(i * dIn, (i + 1) * dIn)));
}

describe('input normalisation (SAELens normalize_activations)', () => {
  const x = Float32Array.from(randomArray(rows * dIn, 3, 4), (v, i) => v + (i % dIn));

  it('constant_norm_rescale gives every row norm √d_in', () => {
    const y = x.slice();
    normaliseRows(y, rows, dIn, { mode: 'constant_norm_rescale', scale: 1 });
    for (const norm of rowNorms(y)) expect(norm).toBeCloseTo(Math.sqrt(dIn), 4);
  });

  it('layer_norm centres each row and gives it unit (unbiased) standard deviation', () => {
    const y = x.slice();
    normaliseRows(y, rows, dIn, { mode: 'layer_norm', scale: 1 });
    for (let i = 0; i < rows; i++) {
      const row = Array.from(y.subarray(i * dIn, (i + 1) * dIn));
      const mean = row.reduce((a, b) => a + b, 0) / dIn;
      expect(mean).toBeCloseTo(0, 5);
      expect(Math.sqrt(row.reduce((a, b) => a + b * b, 0) / (dIn - 1))).toBeCloseTo(1, 3);
    }
  });

  it('expected_average_only_in estimates the factor that makes the mean norm √d_in', () => {
    const scale = estimateActivationScale(x, rows, dIn);
    const y = x.slice();
    normaliseRows(y, rows, dIn, { mode: 'expected_average_only_in', scale });
    const norms = rowNorms(y);
    expect(norms.reduce((a, b) => a + b, 0) / rows).toBeCloseTo(Math.sqrt(dIn), 4);
  });

  it.each(['constant_norm_rescale', 'layer_norm', 'expected_average_only_in'] as const)('%s is undone on reconstructions', (mode) => {
    const norm = { mode, scale: 0.37 };
    const y = x.slice();
    normaliseRows(y, rows, dIn, norm);
    denormaliseReconstruction(x, y, rows, dIn, norm);
    y.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 3));
  });
});

describe('SAEs with normalised inputs', () => {
  const withMode = (sae: SaeWeights, mode: NormalizeActivations, activationScale?: number): SaeWeights => ({
    ...sae, cfg: { ...sae.cfg, normalizeActivations: mode, ...(activationScale ? { activationScale } : {}) },
  });

  it.each([
    ['layer_norm', undefined],
    ['constant_norm_rescale', undefined],
    ['expected_average_only_in', 0.25],
  ] as const)('createEncoder applies %s before encoding', async (mode, scale) => {
    const sae = randomSae(dIn, 12, 3, 9);
    const x = randomArray(rows * dIn, 10, 5);
    const normalised = x.slice();
    normaliseRows(normalised, rows, dIn, { mode, scale: scale ?? 1 });
    const encoder = await createEncoder(withMode(sae, mode, scale));
    const plain = await createEncoder(sae);
    try {
      expect(await encoder.encode(x, rows)).toEqual(await plain.encode(normalised, rows));
    } finally {
      await encoder.close();
      await plain.close();
    }
  });

  it('keeps the mode and factor through a SAELens folder, and names the supported modes for an unknown one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sae-normalise-'));
    await saveSaeLens(dir, withMode(randomSae(dIn, 12, 3, 1), 'expected_average_only_in', 0.125));
    const cfg = JSON.parse(readFileSync(path.join(dir, 'cfg.json'), 'utf8'));
    expect(cfg.normalize_activations).toBe('expected_average_only_in');
    expect(cfg.metadata.atlas_activation_scale).toBe(0.125);
    expect((await loadSae(dir)).cfg).toMatchObject({ normalizeActivations: 'expected_average_only_in', activationScale: 0.125 });
    writeFileSync(path.join(dir, 'cfg.json'), JSON.stringify({ ...cfg, normalize_activations: 'batch_norm' }));
    await expect(loadSae(dir)).rejects.toThrow(
      'normalize_activations "batch_norm" is not supported; supported: none, expected_average_only_in, constant_norm_rescale, layer_norm',
    );
  });

  it('expected_average_only_in makes training blind to the data’s scale; FVU is measured in the data’s own units', async () => {
    const dim = 16;
    const { data } = syntheticData(dim, 12, 3, 2048, 5);
    const options = { rows: 2048, dIn: dim, architecture: 'topk', width: 24, k: 3, batchSize: 256, epochs: 20, seed: 1, normalizeActivations: 'expected_average_only_in' } as const;
    const small = await trainSae({ ...options, activations: data });
    const large = await trainSae({ ...options, activations: Float32Array.from(data, (v) => v * 1000) });
    expect(large.sae.cfg.activationScale! * 1000).toBeCloseTo(small.sae.cfg.activationScale!, 6);
    large.sae.W_dec.forEach((v, i) => expect(v).toBeCloseTo(small.sae.W_dec[i]!, 3));
    expect(large.metrics.fvu).toBeCloseTo(small.metrics.fvu, 3);
    expect(small.metrics.fvu).toBeLessThan(0.2);
    // evaluateSae on the raw data agrees with the training metrics (it normalises, then maps back).
    const evaluation = await evaluateSae(large.sae, Float32Array.from(data, (v) => v * 1000), 2048);
    expect(evaluation.fvu).toBeCloseTo(large.metrics.fvu, 6);
  });

  it.each(['constant_norm_rescale', 'layer_norm'] as const)('trains with %s as well as without, FVU in the data’s own units', async (mode) => {
    const dim = 16;
    const { data } = syntheticData(dim, 12, 3, 2048, 6);
    const options = { activations: data, rows: 2048, dIn: dim, architecture: 'topk', width: 24, k: 3, batchSize: 256, epochs: 20, seed: 1 } as const;
    const { sae, metrics } = await trainSae({ ...options, normalizeActivations: mode });
    const baseline = await trainSae(options);
    expect(sae.cfg.normalizeActivations).toBe(mode);
    // Measured: none 0.127, constant_norm_rescale 0.132, layer_norm 0.124.
    expect(metrics.fvu).toBeLessThan(1.1 * baseline.metrics.fvu);
  });
});

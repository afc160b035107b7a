import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEncoder, createTopKEncoder, evaluateSae, loadSae, reconstruct, saveSaeLens, trainSae } from '../../src/index.ts';
import { bestCosines, syntheticData } from '../helpers/fixtures.ts';
import { mpRow } from '../helpers/reference-mp.ts';

const dIn = 16;
const features = 12;
const rows = 4096;
const width = 24;

const bits = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('trainSae, mp', () => {
  it('learns synthetic sparse data (FVU falls, true directions found) and round-trips through a SAELens-style folder bit-exactly', async () => {
    const { data, directions } = syntheticData(dIn, features, 3, rows, 11);
    const common = { activations: data, rows, dIn, width, architecture: 'mp', k: 3, batchSize: 256, seed: 3 } as const;
    const { metrics: before } = await trainSae({ ...common, steps: 1 });
    const { sae, metrics } = await trainSae({ ...common, epochs: 20 });
    expect(sae.cfg).toMatchObject({ architecture: 'mp', k: 3, residualThreshold: 0 });
    expect(metrics.fvu).toBeLessThan(0.05);
    expect(metrics.fvu).toBeLessThan(before.fvu / 4);
    expect(metrics.l0).toBeLessThanOrEqual(3);
    expect(metrics.l0).toBeGreaterThan(2);
    bestCosines(directions, sae.W_dec, dIn).forEach((best, f) => expect(best, `direction ${f}`).toBeGreaterThan(0.9));
    // No encoder of its own: W_enc is stored as W_decᵀ, b_enc as 0.
    for (let j = 0; j < width; j++) for (let d = 0; d < dIn; d++) expect(sae.W_enc[d * width + j]).toBe(sae.W_dec[j * dIn + d]);
    expect(sae.b_enc.every((v) => v === 0)).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'sae-mp-'));
    try {
      await saveSaeLens(dir, sae, metrics);
      const cfg = JSON.parse(await readFile(join(dir, 'cfg.json'), 'utf8'));
      expect(cfg).toMatchObject({ architecture: 'mp', d_in: dIn, d_sae: width, k: 3, metadata: { atlas_residual_threshold: 0 } });
      const loaded = await loadSae(dir);
      expect(loaded.cfg).toEqual(sae.cfg);
      for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec'] as const) expect(bits(loaded[name])).toEqual(bits(sae[name]));
      expect(loaded.threshold).toBeUndefined();
      const again = await evaluateSae(loaded, data, rows);
      expect(again.fvu).toBeCloseTo(metrics.fvu, 6);
      // The pursuit runs on x − b_dec: a folder saying otherwise, or with a bad threshold, is refused.
      await writeFile(join(dir, 'cfg.json'), JSON.stringify({ ...cfg, apply_b_dec_to_input: false }));
      await expect(loadSae(dir)).rejects.toThrow(/an mp SAE must have "apply_b_dec_to_input": true/);
      await writeFile(join(dir, 'cfg.json'), JSON.stringify({ ...cfg, metadata: { ...cfg.metadata, atlas_residual_threshold: -1 } }));
      await expect(loadSae(dir)).rejects.toThrow(/"metadata.atlas_residual_threshold" must be a number >= 0, got -1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('encodes with merged, distinct, largest-first slots whose reconstruction is x minus the pursuit residual', async () => {
    const { data } = syntheticData(dIn, features, 3, 256, 5);
    const { sae } = await trainSae({ activations: data, rows: 256, dIn, width, architecture: 'mp', k: 6, batchSize: 64, epochs: 2 });
    const encoder = await createEncoder(sae);
    const codes = await encoder.encode(data, 256);
    await encoder.close();
    expect(encoder.slots).toBe(6);
    const xhat = reconstruct(sae.W_dec, sae.b_dec, codes, 256, 6);
    let compared = 0;
    for (let i = 0; i < 256; i++) {
      expect(new Set(codes.indices.subarray(i * 6, (i + 1) * 6)).size).toBe(6);
      const values = Array.from(codes.values.subarray(i * 6, (i + 1) * 6));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      const reference = mpRow(sae.W_dec, sae.b_dec, data, i * dIn, width, 6);
      if (reference.margin < 1e-4) continue;
      compared++;
      reference.residuals[6]!.forEach((r, d) => expect(xhat[i * dIn + d]).toBeCloseTo(data[i * dIn + d]! - r, 4));
    }
    expect(compared).toBeGreaterThan(200);
    await expect(createTopKEncoder(sae)).rejects.toThrow(/has no TopK encoder.*createEncoder/);
  }, 60_000);

  it('asks for k, and rejects maxActive and a negative residual threshold', async () => {
    const { data } = syntheticData(dIn, features, 3, 64, 2);
    const base = { activations: data, rows: 64, dIn, width, architecture: 'mp', steps: 1 } as const;
    await expect(trainSae(base)).rejects.toThrow('architecture mp needs k.');
    await expect(trainSae({ ...base, k: 2, maxActive: 4 })).rejects.toThrow(/maxActive does not apply to mp/);
    await expect(trainSae({ ...base, k: 2, residualThreshold: -1 })).rejects.toThrow(/residualThreshold must be a finite number >= 0/);
  });
});

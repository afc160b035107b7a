import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFloat32, toFloat32, writeSafetensors } from '@atlas/safetensors';
import type { Tensor } from '@atlas/safetensors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTopKEncoder, loadSae, saveSaeLens } from '../../src/index.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sae-formats-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rounded = (values: Float32Array, dtype: 'F16' | 'BF16') => toFloat32({ dtype, shape: [values.length], data: fromFloat32(values, dtype) });

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}

/** A sparsify checkpoint folder as `SparseCoder.save_to_disk` writes it: cfg.json + sae.safetensors. */
async function writeSparsify(folder: string, dIn: number, width: number, k: number, seed: number, dtype: 'F32' | 'F16' | 'BF16', cfg = {}) {
  const sae = randomSae(dIn, width, k, seed);
  const tensor = (shape: number[], data: Float32Array): Tensor => (dtype === 'F32' ? { dtype, shape, data } : { dtype, shape, data: fromFloat32(data, dtype) });
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'cfg.json'), JSON.stringify({
    activation: 'topk', expansion_factor: width / dIn, normalize_decoder: true, num_latents: 0, k, multi_topk: false,
    skip_connection: false, transcode: false, d_in: dIn, ...cfg,
  }));
  await writeSafetensors(join(folder, 'sae.safetensors'), {
    'encoder.weight': tensor([width, dIn], transpose(sae.W_enc, dIn, width)),
    'encoder.bias': tensor([width], sae.b_enc),
    W_dec: tensor([width, dIn], sae.W_dec),
    b_dec: tensor([dIn], sae.b_dec),
  });
  return sae;
}

describe('sparsify folders', () => {
  it('load as topk SAEs (encoder.weight transposed, k from cfg.json, hook from the folder name), in F32, F16 and BF16', async () => {
    for (const dtype of ['F32', 'F16', 'BF16'] as const) {
      const folder = join(dir, dtype, 'layers.3');
      const sae = await writeSparsify(folder, 4, 8, 2, 11, dtype);
      const loaded = await loadSae(folder);
      expect(loaded.cfg).toMatchObject({ architecture: 'topk', dIn: 4, width: 8, k: 2, hookName: 'layers.3' });
      for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec'] as const) {
        expect(loaded[name]).toEqual(dtype === 'F32' ? sae[name] : rounded(sae[name], dtype));
      }
    }
  });

  it('encode as sparsify does: TopK(ReLU(W·(x − b_dec) + b))', async () => {
    const [dIn, width, k, rows] = [5, 12, 3, 4];
    const folder = join(dir, 'layers.0');
    const sae = await writeSparsify(folder, dIn, width, k, 3, 'F32');
    const encoderWeight = transpose(sae.W_enc, dIn, width); // [width, dIn], as sparsify stores it
    const x = randomArray(rows * dIn, 4);
    const encoder = await createTopKEncoder(await loadSae(folder));
    const { indices, values } = await encoder.encode(x, rows);
    await encoder.close();
    for (let i = 0; i < rows; i++) {
      const pre = Array.from({ length: width }, (_, j) => {
        let sum = sae.b_enc[j]!;
        for (let d = 0; d < dIn; d++) sum += encoderWeight[j * dIn + d]! * (x[i * dIn + d]! - sae.b_dec[d]!);
        return Math.max(0, sum);
      });
      const top = pre.map((value, j) => ({ value, j })).sort((a, b) => b.value - a.value).slice(0, k);
      for (let s = 0; s < k; s++) {
        expect(values[i * k + s]).toBeCloseTo(top[s]!.value, 4);
        if (top[s]!.value > 0) expect(indices[i * k + s]).toBe(top[s]!.j);
      }
    }
  });

  it('names the parent folder\'s SAE folders when given a sparsify run folder', async () => {
    await writeSparsify(join(dir, 'layers.10'), 4, 8, 2, 1, 'F32');
    await writeSparsify(join(dir, 'layers.2'), 4, 8, 2, 1, 'F32');
    await expect(loadSae(dir)).rejects.toThrow(/has no cfg\.json but holds SAE folders layers\.2, layers\.10; pass one of them/);
  });

  it('rejects what it cannot run, naming the file', async () => {
    const folder = join(dir, 'layers.1');
    await writeSparsify(folder, 4, 8, 2, 1, 'F32', { activation: 'groupmax' });
    await expect(loadSae(folder)).rejects.toThrow(/layers\.1\/cfg\.json: sparsify activation "groupmax" is not supported; supported: topk/);
    await writeSparsify(folder, 4, 8, 2, 1, 'F32', { transcode: true });
    await expect(loadSae(folder)).rejects.toThrow(/cfg\.json: a sparsify transcoder/);
    await writeSparsify(folder, 4, 8, 9, 1, 'F32');
    await expect(loadSae(folder)).rejects.toThrow(/k \(9\) must not exceed the SAE width \(8\)/);
    await writeSparsify(folder, 4, 8, 2, 1, 'F32', { d_in: 5 });
    await expect(loadSae(folder)).rejects.toThrow(/cfg\.json: d_in is 5 but encoder\.weight in .*sae\.safetensors has d_in 4/);
    await writeSparsify(folder, 4, 8, 2, 1, 'F32');
    const weights = join(folder, 'sae.safetensors');
    await writeSafetensors(weights, {
      'encoder.weight': { dtype: 'F32', shape: [8, 4], data: new Float32Array(32) },
      'encoder.bias': { dtype: 'F32', shape: [8], data: new Float32Array(8) },
      W_dec: { dtype: 'F32', shape: [4, 8], data: new Float32Array(32) },
      b_dec: { dtype: 'F32', shape: [4], data: new Float32Array(4) },
    });
    await expect(loadSae(folder)).rejects.toThrow(/sae\.safetensors: W_dec has shape \[4, 8\] but encoder\.weight \[8, 4\] expects \[8, 4\]/);
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.byteLength - 16));
    await expect(loadSae(folder)).rejects.toThrow(/sae\.safetensors: tensor "b_dec".*truncated/);
    await rm(weights);
    await expect(loadSae(folder)).rejects.toThrow(/sparsify folder .*layers\.1 has no sae\.safetensors/);
  });
});

describe('SAELens folders in F16 / BF16, and jumprelu', () => {
  it('saves weights in F16 or BF16 (cfg.json dtype float16 / bfloat16) and loads them back as the rounded values', async () => {
    const sae = randomSae(6, 10, 3, 8);
    for (const [dtype, name] of [['F16', 'float16'], ['BF16', 'bfloat16']] as const) {
      const folder = join(dir, dtype);
      await saveSaeLens(folder, sae, undefined, { dtype });
      expect(JSON.parse(await readFile(join(folder, 'cfg.json'), 'utf8')).dtype).toBe(name);
      const loaded = await loadSae(folder);
      expect(loaded.cfg).toEqual(sae.cfg);
      for (const weight of ['W_enc', 'b_enc', 'W_dec', 'b_dec'] as const) expect(loaded[weight]).toEqual(rounded(sae[weight], dtype));
    }
  });

  it('folds rescale_acts_by_decoder_norm into the weights: same codes and reconstructions as SAELens computes them', async () => {
    const [dIn, width, k, rows] = [5, 9, 3, 6];
    const sae = randomSae(dIn, width, k, 12); // decoder rows of assorted norms
    await saveSaeLens(dir, sae);
    const cfg = JSON.parse(await readFile(join(dir, 'cfg.json'), 'utf8'));
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ ...cfg, rescale_acts_by_decoder_norm: true }));
    const loaded = await loadSae(dir);
    const x = randomArray(rows * dIn, 13);
    const encoder = await createTopKEncoder(loaded);
    const { indices, values } = await encoder.encode(x, rows);
    await encoder.close();
    const norms = Array.from({ length: width }, (_, j) => Math.hypot(...sae.W_dec.subarray(j * dIn, (j + 1) * dIn)));
    for (let i = 0; i < rows; i++) {
      // SAELens: z = TopK(ReLU(pre · n)), x̂ = Σ (z_j / n_j)·W_dec[j] + b_dec.
      const scaled = Array.from({ length: width }, (_, j) => {
        let pre = sae.b_enc[j]!;
        for (let d = 0; d < dIn; d++) pre += (x[i * dIn + d]! - sae.b_dec[d]!) * sae.W_enc[d * width + j]!;
        return { j, z: Math.max(0, pre * norms[j]!) };
      }).sort((a, b) => b.z - a.z).slice(0, k);
      for (let d = 0; d < dIn; d++) {
        const expected = scaled.reduce((sum, { j, z }) => sum + (z / norms[j]!) * sae.W_dec[j * dIn + d]!, sae.b_dec[d]!);
        let ours = loaded.b_dec[d]!;
        for (let s = 0; s < k; s++) ours += values[i * k + s]! * loaded.W_dec[indices[i * k + s]! * dIn + d]!;
        expect(ours).toBeCloseTo(expected, 4);
      }
      const firing = scaled.filter((s) => s.z > 0).map((s) => s.j); // slots with value 0 may hold any latent
      expect(Array.from(indices.subarray(i * k, i * k + firing.length))).toEqual(firing);
    }
  });

  it('reads a SAELens v6 jumprelu folder with its threshold tensor', async () => {
    const sae = randomSae(4, 6, 6, 9);
    const threshold = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({
      architecture: 'jumprelu', d_in: 4, d_sae: 6, dtype: 'float32', device: 'cpu', apply_b_dec_to_input: true,
      normalize_activations: 'none', reshape_activations: 'none',
      metadata: { model_name: 'gemma-2-2b', hook_name: 'blocks.12.hook_resid_post', context_size: 1024, prepend_bos: true },
    }));
    await writeSafetensors(join(dir, 'sae_weights.safetensors'), {
      W_enc: { dtype: 'F32', shape: [4, 6], data: sae.W_enc },
      b_enc: { dtype: 'F32', shape: [6], data: sae.b_enc },
      W_dec: { dtype: 'F32', shape: [6, 4], data: sae.W_dec },
      b_dec: { dtype: 'F32', shape: [4], data: sae.b_dec },
      threshold: { dtype: 'BF16', shape: [6], data: fromFloat32(threshold, 'BF16') },
    });
    const loaded = await loadSae(dir);
    expect(loaded.cfg).toMatchObject({ architecture: 'jumprelu', modelId: 'gemma-2-2b', hookName: 'blocks.12.hook_resid_post', contextSize: 1024 });
    expect(loaded.threshold).toEqual(rounded(threshold, 'BF16'));
  });
});

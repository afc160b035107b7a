import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSafetensors } from '@atlas/safetensors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSae, saveSaeLens } from '../../src/index.ts';
import { randomSae } from '../helpers/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sae-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bits = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('saveSaeLens / loadSae', () => {
  it('writes a SAELens v6 folder that loads back bit-exactly', async () => {
    const sae = randomSae(6, 10, 3, 4);
    sae.cfg.contextSize = 128;
    sae.cfg.prependBos = true;
    sae.cfg.training = { steps: 5, tokens: 640, batchSize: 128, lr: 1e-3, warmupSteps: 0, decaySteps: 1, seed: 2 };
    const folder = join(dir, 'demo-lm', 'sae');
    await saveSaeLens(folder, sae, { fvu: 0.12, l0: 3 });
    const cfg = JSON.parse(await readFile(join(folder, 'cfg.json'), 'utf8'));
    expect(cfg).toMatchObject({
      architecture: 'topk', d_in: 6, d_sae: 10, k: 3, dtype: 'float32', device: 'cpu',
      apply_b_dec_to_input: true, normalize_activations: 'none',
      metadata: { model_name: 'test-lm', hook_name: 'blocks.0.hook_resid_post', hook_head_index: null, prepend_bos: true, context_size: 128 },
    });
    expect(JSON.parse(await readFile(join(folder, 'metrics.json'), 'utf8'))).toEqual({ fvu: 0.12, l0: 3 });
    const loaded = await loadSae(folder);
    expect(loaded.cfg).toEqual(sae.cfg);
    for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec'] as const) expect(bits(loaded[name])).toEqual(bits(sae[name]));
  });

  it('reads pre-6.0 flat configs (hook_name / model_name at top level, topk as activation_fn_str)', async () => {
    const sae = randomSae(4, 8, 2, 5);
    await saveSaeLens(dir, sae);
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({
      architecture: 'standard', activation_fn_str: 'topk', activation_fn_kwargs: { k: 2 }, d_in: 4, d_sae: 8,
      model_name: 'gpt2', hook_name: 'blocks.8.hook_resid_pre', hook_layer: 8, context_size: 128, dtype: 'float32',
    }));
    const loaded = await loadSae(dir);
    expect(loaded.cfg).toMatchObject({ architecture: 'topk', k: 2, modelId: 'gpt2', hookName: 'blocks.8.hook_resid_pre', contextSize: 128 });
    expect(bits(loaded.W_dec)).toEqual(bits(sae.W_dec));
  });

  it('folds b_dec into b_enc when the SAE does not subtract it from its input', async () => {
    const sae = randomSae(3, 4, 2, 6);
    await saveSaeLens(dir, sae);
    const cfg = JSON.parse(await readFile(join(dir, 'cfg.json'), 'utf8'));
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ ...cfg, apply_b_dec_to_input: false }));
    const loaded = await loadSae(dir);
    for (let j = 0; j < 4; j++) {
      let expected = sae.b_enc[j]!;
      for (let d = 0; d < 3; d++) expected += sae.b_dec[d]! * sae.W_enc[d * 4 + j]!;
      expect(loaded.b_enc[j]).toBeCloseTo(expected, 5);
    }
  });

  it('names missing files', async () => {
    await expect(loadSae(join(dir, 'none'))).rejects.toThrow(/none has no cfg\.json \(expected cfg\.json and sae_weights\.safetensors from SAELens, or cfg\.json and sae\.safetensors from sparsify\)/);
    await saveSaeLens(dir, randomSae(3, 4, 2, 1));
    await rm(join(dir, 'sae_weights.safetensors'));
    await expect(loadSae(dir)).rejects.toThrow(/has no sae_weights\.safetensors/);
  });

  it('names a tensor whose shape disagrees with cfg.json, with expected and actual shapes', async () => {
    const sae = randomSae(3, 4, 2, 1);
    await saveSaeLens(dir, sae);
    await writeSafetensors(join(dir, 'sae_weights.safetensors'), {
      W_enc: { dtype: 'F32', shape: [4, 3], data: sae.W_enc },
      b_enc: { dtype: 'F32', shape: [4], data: sae.b_enc },
      W_dec: { dtype: 'F32', shape: [4, 3], data: sae.W_dec },
      b_dec: { dtype: 'F32', shape: [3], data: sae.b_dec },
    });
    await expect(loadSae(dir)).rejects.toThrow(/W_enc has shape \[4, 3\] but cfg\.json \(d_in 3, d_sae 4\) expects \[3, 4\]/);
  });

  it('names a missing tensor', async () => {
    const sae = randomSae(3, 4, 2, 1);
    await saveSaeLens(dir, sae);
    await writeSafetensors(join(dir, 'sae_weights.safetensors'), { W_enc: { dtype: 'F32', shape: [3, 4], data: sae.W_enc } });
    await expect(loadSae(dir)).rejects.toThrow(/missing tensor b_enc; it holds \[W_enc\]/);
  });

  it('rejects unsupported architectures, listing the supported ones', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ architecture: 'gated', d_in: 3, d_sae: 4 }));
    await expect(loadSae(dir)).rejects.toThrow(/cfg\.json: unsupported SAE architecture "gated"; supported: topk, standard, jumprelu/);
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ d_in: 3, d_sae: 4, hook_name: 'h', activation_fn_str: 'tanh-relu' }));
    await expect(loadSae(dir)).rejects.toThrow(/unsupported activation function "tanh-relu" for a standard SAE; supported: relu, topk/);
  });

  it('rejects an invalid cfg.json', async () => {
    await writeFile(join(dir, 'cfg.json'), '{"architecture": ');
    await expect(loadSae(dir)).rejects.toThrow(/cfg\.json: not valid JSON/);
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ architecture: 'topk', d_in: 3, d_sae: 4 }));
    await expect(loadSae(dir)).rejects.toThrow(/"k" must be a positive integer, got undefined/);
    await writeFile(join(dir, 'cfg.json'), JSON.stringify({ architecture: 'topk', d_in: 3, d_sae: 4, k: 9 }));
    await expect(loadSae(dir)).rejects.toThrow(/k \(9\) must not exceed the SAE width \(4\)/);
  });
});

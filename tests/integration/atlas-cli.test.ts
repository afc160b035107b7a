import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '@atlas/safetensors';
import { TINY_CORPUS } from '../support/tiny-atlas.ts';
import { runAtlas } from '@atlas/cli/testing';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const demoModel = path.join(repoRoot, 'packages/demo-model');

const atlas = (...args: string[]) => runAtlas(args, { cwd: repoRoot });

describe('the atlas CLI', () => {
  let dir: string;
  let corpus: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-'));
    corpus = path.join(dir, 'corpus.txt');
    writeFileSync(corpus, TINY_CORPUS);
  });

  it('extracts activations, then trains a SAELens folder with metrics', async () => {
    const activations = path.join(dir, 'acts.safetensors');
    const extract = await atlas('extract', '--model', demoModel, '--hook', 'blocks.1.hook_resid_post',
      '--corpus', corpus, '--tokens', '256', '--seq-len', '32', '--out', activations);
    expect(extract.stderr + extract.stdout).toContain('Wrote 256 × 256 activations');
    expect(extract.code).toBe(0);
    const { tensors, metadata } = await readSafetensors(activations);
    expect(tensors.activations?.shape).toEqual([256, 256]);
    expect(tensors.activations?.dtype).toBe('F32');
    expect(tensors.token_ids?.shape).toEqual([256]);
    expect(metadata?.hook).toBe('blocks.1.hook_resid_post');

    const out = path.join(dir, 'sae');
    const train = await atlas('train', '--activations', activations, '--architecture', 'topk',
      '--width', '64', '--k', '4', '--epochs', '10', '--batch-size', '64', '--out', out);
    expect(train.code).toBe(0);
    for (const file of ['cfg.json', 'sae_weights.safetensors', 'metrics.json']) expect(existsSync(path.join(out, file))).toBe(true);
    const cfg = JSON.parse(readFileSync(path.join(out, 'cfg.json'), 'utf8'));
    expect(cfg).toMatchObject({ architecture: 'topk', d_in: 256, d_sae: 64, k: 4 });
    const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics.l0).toBeLessThanOrEqual(4);
    expect(metrics.fvu).toBeGreaterThan(0);
    expect(metrics.fvu).toBeLessThan(1);
    expect(metrics.deadFraction).toBeGreaterThanOrEqual(0);
    const weights = await readSafetensors(path.join(out, 'sae_weights.safetensors'));
    expect(weights.tensors.W_enc?.shape).toEqual([256, 64]);
    expect(weights.tensors.W_dec?.shape).toEqual([64, 256]);

    // A JumpReLU SAE needs no --k and saves its thresholds the SAELens way.
    const jumpOut = path.join(dir, 'jumprelu');
    const jump = await atlas('train', '--activations', activations, '--architecture', 'jumprelu',
      '--width', '64', '--epochs', '2', '--batch-size', '64', '--out', jumpOut);
    expect(jump.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(jumpOut, 'cfg.json'), 'utf8')).architecture).toBe('jumprelu');
    expect((await readSafetensors(path.join(jumpOut, 'sae_weights.safetensors'))).tensors.threshold?.shape).toEqual([64]);

    // Matching pursuit: k steps over the decoder rows, saved SAELens-style as architecture "mp".
    const mpOut = path.join(dir, 'mp');
    const mp = await atlas('train', '--activations', activations, '--architecture', 'mp',
      '--width', '64', '--k', '8', '--epochs', '4', '--batch-size', '64', '--out', mpOut);
    expect(mp.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(mpOut, 'cfg.json'), 'utf8'))).toMatchObject({ architecture: 'mp', d_sae: 64, k: 8 });
    const mpMetrics = JSON.parse(readFileSync(path.join(mpOut, 'metrics.json'), 'utf8'));
    expect(mpMetrics.l0).toBeGreaterThan(1);
    expect(mpMetrics.l0).toBeLessThanOrEqual(8);
    expect(mpMetrics.fvu).toBeLessThan(1);
  });

  it('asks for --k where the architecture needs it', async () => {
    const result = await atlas('train', '--activations', path.join(dir, 'missing.safetensors'), '--architecture', 'batchtopk',
      '--width', '8', '--out', path.join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--k is required for topk and batchtopk/);
    const mp = await atlas('train', '--activations', path.join(dir, 'missing.safetensors'), '--architecture', 'mp',
      '--width', '8', '--out', path.join(dir, 'out'));
    expect(mp.code).toBe(2);
    expect(mp.stderr).toMatch(/--k is required for .* mp \(matching pursuit steps\)/);
  });

  it('names a missing model folder', async () => {
    const result = await atlas('extract', '--model', path.join(dir, 'no-such-model'), '--hook', 'blocks.0.hook_resid_post',
      '--corpus', corpus, '--tokens', '64', '--out', path.join(dir, 'x.safetensors'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Model folder not found: .*no-such-model/);
  });

  it('lists the built-in corpora when the corpus is unknown', async () => {
    const result = await atlas('extract', '--model', demoModel, '--hook', 'blocks.0.hook_resid_post',
      '--corpus', 'no-such-corpus', '--tokens', '64', '--out', path.join(dir, 'x.safetensors'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown corpus "no-such-corpus".*sotu, moby-dick, wordnet, demo/);
  });

  it('lists valid hooks for an unknown hook', async () => {
    const result = await atlas('extract', '--model', demoModel, '--hook', 'blocks.9.hook_resid_post',
      '--corpus', corpus, '--tokens', '64', '--out', path.join(dir, 'x.safetensors'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/blocks\.9\.hook_resid_post.*blocks\.0\.hook_resid_post/);
  });

  it('rejects bad numbers, k above width and unknown architectures, naming each flag', async () => {
    const badTokens = await atlas('extract', '--model', demoModel, '--hook', 'blocks.0.hook_resid_post',
      '--corpus', corpus, '--tokens', 'lots', '--out', path.join(dir, 'x.safetensors'));
    expect(badTokens.code).toBe(2);
    expect(badTokens.stderr).toMatch(/--tokens must be a number/);

    const train = await atlas('train', '--activations', path.join(dir, 'missing.safetensors'), '--architecture', 'sparse-magic',
      '--width', '8', '--k', '16', '--out', path.join(dir, 'out'));
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/--architecture sparse-magic is not supported; supported: topk, batchtopk, relu, jumprelu, gba/);

    const kAboveWidth = await atlas('train', '--activations', path.join(dir, 'missing.safetensors'), '--architecture', 'topk',
      '--width', '8', '--k', '16', '--out', path.join(dir, 'out'));
    expect(kAboveWidth.code).toBe(2);
    expect(kAboveWidth.stderr).toMatch(/--k must not exceed --width/);
  });

  it('names a missing activation file', async () => {
    const result = await atlas('train', '--activations', path.join(dir, 'missing.safetensors'), '--architecture', 'topk',
      '--width', '8', '--k', '2', '--out', path.join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Activation file not found: .*missing\.safetensors.*atlas extract/);
  });
});

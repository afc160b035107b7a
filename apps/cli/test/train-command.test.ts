import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromFloat32, writeSafetensors } from '@atlas/safetensors';
import { mulberry32 } from '@atlas/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas } from './support/run-atlas.ts';


const atlas = (...args: string[]) => runAtlas(args);

describe('atlas train --activations (shards) --device', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-train-'));
    const random = mulberry32(9);
    const rows = (n: number) => Float32Array.from({ length: n * 16 }, () => random() - 0.5);
    await mkdir(path.join(dir, 'shards'));
    await writeSafetensors(path.join(dir, 'shards', 'acts-1.safetensors'), { activations: { dtype: 'F32', shape: [200, 16], data: rows(200) } },
      { model: 'demo-lm', hook: 'blocks.1.hook_resid_post' });
    await writeSafetensors(path.join(dir, 'shards', 'acts-2.safetensors'), { activations: { dtype: 'BF16', shape: [100, 16], data: fromFloat32(rows(100), 'BF16') } });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains on a directory of F32 and BF16 shards, with the provenance of the first, falling back from webgpu if it must; metrics.json has every metric', async () => {
    const out = path.join(dir, 'sae');
    const run = await atlas('train', '--activations', path.join(dir, 'shards'), '--architecture', 'topk', '--width', '32', '--k', '4',
      '--epochs', '2', '--batch-size', '50', '--device', 'webgpu', '--out', out);
    expect(run.stderr).not.toMatch(/atlas: /);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('webgpu: '));
    expect(warnings.length).toBeLessThanOrEqual(1);
    if (warnings.length === 1) expect(warnings[0]).toMatch(/; running on CPU\.$/);
    const cfg = JSON.parse(await readFile(path.join(out, 'cfg.json'), 'utf8'));
    expect(cfg).toMatchObject({ architecture: 'topk', d_in: 16, d_sae: 32, k: 4, metadata: { model_name: 'demo-lm', hook_name: 'blocks.1.hook_resid_post' } });
    expect(cfg.metadata.atlas_training.tokens).toBe(600);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ rows: 300, activations: 'acts-1.safetensors, acts-2.safetensors', tokens: 600 });
    for (const name of ['l0', 'fvu', 'explainedVariance', 'r2', 'deadFraction', 'denseFraction', 'coherence', 'aip', 'qStar', 'loss']) {
      expect(typeof metrics[name], name).toBe('number');
    }
    expect(metrics.density).toHaveLength(32);
  });

  it('trains gba with the quantile bias start into a SAELens jumprelu folder marked gba; an unknown start is named', async () => {
    const out = path.join(dir, 'gba');
    const run = await atlas('train', '--activations', path.join(dir, 'shards'), '--architecture', 'gba', '--width', '40',
      '--gba-bias-start', 'quantile', '--epochs', '2', '--batch-size', '50', '--out', out);
    expect(run.stderr).not.toMatch(/atlas: /);
    expect(run.code).toBe(0);
    const cfg = JSON.parse(await readFile(path.join(out, 'cfg.json'), 'utf8'));
    expect(cfg).toMatchObject({ architecture: 'jumprelu', d_sae: 40, metadata: { atlas_architecture: 'gba' } });
    const bad = await atlas('train', '--activations', path.join(dir, 'shards'), '--architecture', 'gba', '--width', '40', '--gba-bias-start', 'middle', '--out', path.join(dir, 'x'));
    expect(bad.stderr).toMatch(/--gba-bias-start middle is not supported; supported: zero, quantile/);
  });

  it('names a missing activation file and an unknown device', async () => {
    const missing = await atlas('train', '--activations', path.join(dir, 'nope.npy'), '--architecture', 'topk', '--width', '8', '--k', '2', '--out', path.join(dir, 'x'));
    expect(missing.stderr).toMatch(/Activation file not found: .*nope\.npy.*atlas extract/);
    const device = await atlas('train', '--activations', path.join(dir, 'shards'), '--architecture', 'topk', '--width', '8', '--k', '2', '--device', 'gpu', '--out', path.join(dir, 'x'));
    expect(device.stderr).toMatch(/--device gpu is not supported; supported: cpu, webgpu, cuda/);
  });
});

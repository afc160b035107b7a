import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSafetensors } from '@atlas/safetensors';
import { mulberry32 } from '@atlas/random';
import { evaluateSae, saveSaeLens } from '@atlas/sae';
import type { SaeWeights } from '@atlas/sae';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas } from './support/run-atlas.ts';


const atlas = (...args: string[]) => runAtlas(args);

/** A `.npy` v1 file of float32 rows, as numpy writes one. */
async function writeNpy(file: string, data: Float32Array, rows: number, dIn: number): Promise<void> {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dIn}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, 'latin1');
  header[total - 1] = 0x0a;
  await writeFile(file, Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

const [dIn, width, k] = [16, 32, 4];
const random = mulberry32(5);
const values = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (random() - 0.5) * 2 * scale);
const sae: SaeWeights = {
  cfg: { architecture: 'topk', dIn, width, k, hookName: 'blocks.0.hook_resid_post', modelId: 'test', dtype: 'float32', normalizeActivations: 'none' },
  W_enc: values(dIn * width), b_enc: values(width, 0.1), W_dec: values(width * dIn, 0.5), b_dec: values(dIn, 0.1),
};
const activations = values(300 * dIn);

describe('atlas eval', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-eval-'));
    await saveSaeLens(path.join(dir, 'sae'), sae);
    await writeNpy(path.join(dir, 'a.npy'), activations.subarray(0, 120 * dIn), 120, dIn);
    await writeSafetensors(path.join(dir, 'b.safetensors'), { activations: { dtype: 'F32', shape: [180, dIn], data: activations.subarray(120 * dIn) } });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints every metric as JSON for rows streamed from several files, progress on stderr', async () => {
    const run = await atlas('eval', '--sae', path.join(dir, 'sae'), '--activations', path.join(dir, 'a.npy'), path.join(dir, 'b.safetensors'), '--rows', '250', '--batch-size', '64');
    expect(run.stderr).not.toMatch(/atlas: /);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const expected = await evaluateSae(sae, activations.subarray(0, 250 * dIn), 250, { atoms: true });
    expect(report).toMatchObject({ architecture: 'topk', dIn, width, k, rows: 250, activations: 'a.npy, b.safetensors' });
    expect(report.l0).toBeCloseTo(expected.l0, 10);
    expect(report.fvu).toBeCloseTo(expected.fvu, 5);
    expect(report.explainedVariance).toBeCloseTo(1 - expected.fvu, 5);
    expect(report.r2).toBeCloseTo(expected.r2, 5);
    expect(report.deadFraction).toBe(expected.deadFraction);
    expect(report.denseFraction).toBe(expected.denseFraction);
    expect(report.coherence).toBeCloseTo(expected.atoms!.coherence, 6);
    expect(report.aip).toBeCloseTo(expected.atoms!.aip, 4);
    expect(report.qStar).toBe(expected.atoms!.qStar);
    expect(report.supportSizes.reduce((a: number, b: number) => a + b, 0)).toBe(250);
    expect(report.density).toHaveLength(width);
    expect(run.stderr).toMatch(/reconstruction/);
  });

  it('takes --device webgpu: runs there, or says in one line why not and runs on CPU', async () => {
    const run = await atlas('eval', '--sae', path.join(dir, 'sae'), '--activations', dir, '--device', 'webgpu', '--no-atoms');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.rows).toBe(300);
    expect(report.aip).toBeUndefined();
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('webgpu: '));
    expect(warnings.length).toBeLessThanOrEqual(1);
    if (warnings.length === 1) expect(warnings[0]).toMatch(/running on CPU\.$/);
  });

  it('names the file and row of a NaN, a d_in mismatch and an unknown device', async () => {
    const bad = activations.slice(0, 10 * dIn);
    bad[7 * dIn + 3] = Number.NaN;
    await writeNpy(path.join(dir, 'bad.npy'), bad, 10, dIn);
    const nan = await atlas('eval', '--sae', path.join(dir, 'sae'), '--activations', path.join(dir, 'bad.npy'));
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/atlas: .*bad\.npy: row 7 \(row 7 overall\), column 3, is NaN/);
    await writeNpy(path.join(dir, 'narrow.npy'), activations.subarray(0, 40), 5, 8);
    const narrow = await atlas('eval', '--sae', path.join(dir, 'sae'), '--activations', path.join(dir, 'narrow.npy'));
    expect(narrow.stderr).toMatch(/atlas: narrow\.npy: rows have 8 values but the SAE's d_in is 16/);
    const device = await atlas('eval', '--sae', path.join(dir, 'sae'), '--activations', path.join(dir, 'a.npy'), '--device', 'tpu');
    expect(device.stderr).toMatch(/--device tpu is not supported; supported: cpu, webgpu, cuda/);
  });
});

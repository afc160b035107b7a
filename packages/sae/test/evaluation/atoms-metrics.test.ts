import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decoderCoherence, maxUniqueSupport, uniqueSupportShare } from '../../src/evaluation/atoms-metrics.ts';
import { inMemorySource, openActivationSource } from '@atlas/activations';
import { evaluateSae, evaluateSource } from '../../src/index.ts';
import { whiteningMatrix } from '../../src/evaluation/whitening.ts';
import type { SaeWeights } from '../../src/index.ts';
import { writeNpy } from '@atlas/activations/testing';
import { randomArray, randomSae } from '../helpers/fixtures.ts';
import { densePre, topK } from '../helpers/reference.ts';

function bruteCoherence(W: Float32Array, width: number, dIn: number): number {
  const norms = Array.from({ length: width }, (_, j) => Math.hypot(...W.subarray(j * dIn, (j + 1) * dIn)));
  let mu = 0;
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      if (norms[i] === 0 || norms[j] === 0) continue;
      let dot = 0;
      for (let d = 0; d < dIn; d++) dot += W[i * dIn + d]! * W[j * dIn + d]!;
      mu = Math.max(mu, Math.abs(dot) / (norms[i]! * norms[j]!));
    }
  }
  return mu;
}

/** Inverse of a small dense matrix by Gauss–Jordan elimination (float64). */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const pivot = a.slice(c).reduce((best, row, r) => (Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? r + c : best), c);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const p = a[c]![c]!;
    a[c] = a[c]!.map((v) => v / p);
    for (let r = 0; r < n; r++) if (r !== c) a[r] = a[r]!.map((v, j) => v - a[r]![c]! * a[c]![j]!);
  }
  return a.map((row) => row.slice(n));
}

/** An SAE whose atoms are the standard basis: it reconstructs any non-negative row exactly. */
function identitySae(dIn: number): SaeWeights {
  const eye = Float32Array.from({ length: dIn * dIn }, (_, i) => (i % (dIn + 1) === 0 ? 1 : 0));
  return {
    cfg: { architecture: 'topk', dIn, width: dIn, k: dIn, hookName: 'h', modelId: 'm', dtype: 'float32', normalizeActivations: 'none' },
    W_enc: eye.slice(), b_enc: new Float32Array(dIn), W_dec: eye.slice(), b_dec: new Float32Array(dIn),
  };
}

describe('decoder coherence μ', () => {
  it('is 0 for orthogonal atoms whatever their norms, and 1 for a repeated atom', async () => {
    const W = Float32Array.from([3, 0, 0, 0, 0.5, 0, 0, 0, 2]);
    expect(await decoderCoherence(W, 3, 3)).toBe(0);
    const repeated = Float32Array.from([1, 2, 3, -2, -4, -6, 0, 0, 1]);
    expect(await decoderCoherence(repeated, 3, 3)).toBeCloseTo(1, 6);
  });

  it('matches a brute-force max over pairs, across several blocks, skipping zero rows', async () => {
    const [width, dIn] = [4100, 8]; // blocks of 4092 rows: the closest pair straddles two blocks
    const W = randomArray(width * dIn, 31);
    W.fill(0, 17 * dIn, 18 * dIn);
    for (let d = 0; d < dIn; d++) W[4099 * dIn + d] = -2 * W[5 * dIn + d]! + (d === 0 ? 0.01 : 0);
    const expected = bruteCoherence(W, width, dIn);
    expect(expected).toBeGreaterThan(0.999);
    expect(await decoderCoherence(W, width, dIn)).toBeCloseTo(expected, 5);
    const small = randomArray(40 * 6, 32);
    expect(await decoderCoherence(small, 40, 6)).toBeCloseTo(bruteCoherence(small, 40, 6), 5);
  });
});

describe('uniqueness condition μ < 1/(2K − 1)', () => {
  it('gives the largest unique support size and the share q* of rows meeting it', () => {
    expect(maxUniqueSupport(0.2)).toBe(2); // 1/3 > 0.2 but 1/5 = 0.2 is not > 0.2
    expect(maxUniqueSupport(0.3)).toBe(2);
    expect(maxUniqueSupport(0.999)).toBe(1);
    expect(maxUniqueSupport(1)).toBe(0);
    expect(maxUniqueSupport(0)).toBe(Number.POSITIVE_INFINITY);
    expect(uniqueSupportShare([1, 2, 3, 4], 0.3)).toBeCloseTo(0.6, 12); // K = 0, 1, 2 of 10 rows
    expect(uniqueSupportShare([0, 5, 5], 0)).toBe(1);
  });
});

describe('whitening', () => {
  it('returns M with Mᵀ·Σ·M = I for a positive definite Σ', () => {
    const d = 5;
    const A = randomArray(d * d, 41);
    const sigma = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let p = 0; p < d; p++) sigma[i * d + j] = sigma[i * d + j]! + A[i * d + p]! * A[j * d + p]!;
    for (let i = 0; i < d; i++) sigma[i * d + i] = sigma[i * d + i]! + 0.5;
    const { whitening: M } = whiteningMatrix(sigma, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let value = 0;
        for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) value += M[p * d + i]! * sigma[p * d + q]! * M[q * d + j]!;
        expect(value).toBeCloseTo(i === j ? 1 : 0, 4);
      }
    }
  });

  it('still whitens a singular covariance (a constant dimension) with a small ridge, and rejects constant data', () => {
    const sigma = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 0]);
    const { ridge } = whiteningMatrix(sigma, 3);
    expect(ridge).toBeGreaterThan(0);
    expect(ridge).toBeLessThan(1e-3);
    expect(() => whiteningMatrix(new Float64Array(9), 3)).toThrow(/zero variance/);
  });
});

describe('evaluateSae with atoms', () => {
  it('gives AIP 1, μ 0, q* 1, FVU 0 and R² 1 for orthonormal atoms that reconstruct exactly', async () => {
    const dIn = 4;
    const rows = 30;
    const x = Float32Array.from(randomArray(rows * dIn, 51), Math.abs);
    const result = await evaluateSae(identitySae(dIn), x, rows, { atoms: true, batchSize: 7 });
    expect(result.fvu).toBeCloseTo(0, 10);
    expect(result.explainedVariance).toBeCloseTo(1, 10);
    expect(result.r2).toBeCloseTo(1, 10);
    expect(result.atoms!.coherence).toBe(0);
    expect(result.atoms!.aip).toBeCloseTo(1, 5);
    expect(result.atoms!.qStar).toBe(1);
    expect(result.supportSizes).toEqual([0, 0, 0, 0, rows]);
  });

  it('matches a dense float64 reference for every metric', async () => {
    const [dIn, width, k, rows] = [5, 12, 3, 64];
    const sae = randomSae(dIn, width, k, 61);
    sae.b_enc[4] = 5; // latent 4 fires on almost every row: dense
    const x = randomArray(rows * dIn, 62);
    const { indices, values } = topK(densePre(sae, x, rows, dIn, width), k);
    const xHat = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: dIn }, (_, d) => indices[i]!.reduce((sum, j, s) => sum + Math.max(0, values[i]![s]!) * sae.W_dec[j * dIn + d]!, sae.b_dec[d]!)),
    );
    const row = (i: number) => Array.from(x.subarray(i * dIn, (i + 1) * dIn));
    const mean = Array.from({ length: dIn }, (_, d) => Array.from({ length: rows }, (_, i) => x[i * dIn + d]!).reduce((a, b) => a + b) / rows);
    const sigma = mean.map((_, a) => mean.map((__, b) => Array.from({ length: rows }, (_, i) => (row(i)[a]! - mean[a]!) * (row(i)[b]! - mean[b]!)).reduce((p, q) => p + q) / (rows - 1)));
    const inverse = invert(sigma);
    const form = (u: number[], v: number[]) => u.reduce((sum, ui, a) => sum + ui * v.reduce((s, vb, b) => s + inverse[a]![b]! * vb, 0), 0);
    let cosines = 0;
    const sse = new Float64Array(dIn);
    const sst = new Float64Array(dIn);
    const support = new Array<number>(k + 1).fill(0);
    const fires = new Array<number>(width).fill(0);
    for (let i = 0; i < rows; i++) {
      const a = row(i).map((v, d) => v - mean[d]!);
      const b = xHat[i]!.map((v, d) => v - mean[d]!);
      cosines += form(a, b) / Math.sqrt(form(a, a) * form(b, b));
      for (let d = 0; d < dIn; d++) {
        sse[d] = sse[d]! + (row(i)[d]! - xHat[i]![d]!) ** 2;
        sst[d] = sst[d]! + a[d]! ** 2;
      }
      const firing = indices[i]!.filter((_, s) => values[i]![s]! > 0);
      support[firing.length]!++;
      for (const j of firing) fires[j]!++;
    }
    const mu = bruteCoherence(sae.W_dec, width, dIn);
    const limit = Math.floor((1 + 1 / mu) / 2 - 1e-12);

    const result = await evaluateSae(sae, x, rows, { atoms: true, batchSize: 10 });
    expect(result.fvu).toBeCloseTo(sse.reduce((p, q) => p + q) / sst.reduce((p, q) => p + q), 4);
    expect(result.explainedVariance).toBeCloseTo(1 - result.fvu, 12);
    expect(result.r2).toBeCloseTo(sse.reduce((sum, e, d) => sum + 1 - e / sst[d]!, 0) / dIn, 4);
    expect(result.supportSizes).toEqual(support.slice(0, result.supportSizes.length));
    expect(result.denseFraction).toBeCloseTo(fires.filter((f) => f / rows > 0.1).length / width, 10);
    expect(result.denseFraction).toBeGreaterThan(0);
    expect(result.atoms!.coherence).toBeCloseTo(mu, 5);
    expect(result.atoms!.aip).toBeCloseTo(cosines / rows, 3);
    expect(result.atoms!.qStar).toBeCloseTo(support.slice(0, limit + 1).reduce((p, q) => p + q, 0) / rows, 10);
  });
});

describe('evaluateSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evaluate-source-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams rows from files like the in-memory evaluation, honours rows, and names a d_in mismatch', async () => {
    const [dIn, width, k, rows] = [6, 16, 4, 50];
    const sae = randomSae(dIn, width, k, 71);
    const x = randomArray(rows * dIn, 72);
    await writeNpy(join(dir, 'a-1.npy'), x.subarray(0, 20 * dIn), [20, dIn]);
    await writeNpy(join(dir, 'a-2.npy'), x.subarray(20 * dIn), [30, dIn]);
    const source = await openActivationSource(dir);
    const fromFiles = await evaluateSource(sae, source, { atoms: true, batchSize: 16 });
    const inMemory = await evaluateSae(sae, x, rows, { atoms: true });
    expect(fromFiles.l0).toBe(inMemory.l0);
    expect(fromFiles.fvu).toBeCloseTo(inMemory.fvu, 6);
    expect(fromFiles.atoms!.aip).toBeCloseTo(inMemory.atoms!.aip, 5);
    const firstRows = await evaluateSource(sae, source, { rows: 20 });
    expect(firstRows.rows).toBe(20);
    expect(firstRows.l0).toBe((await evaluateSae(sae, x.subarray(0, 20 * dIn), 20)).l0);
    await source.close();
    await expect(evaluateSource(randomSae(5, 8, 2, 1), inMemorySource(x, rows, dIn))).rejects.toThrow(/in-memory activations: rows have 6 values but the SAE's d_in is 5/);
  });
});

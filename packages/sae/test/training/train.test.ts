import { describe, expect, it } from 'vitest';
import { trainSae } from '../../src/index.ts';
import type { TrainProgress } from '../../src/index.ts';
import { bestCosines, syntheticData } from '../helpers/fixtures.ts';

const dIn = 16;
const features = 12;

describe('trainSae', () => {
  it('learns synthetic sparse data: low FVU, ground-truth directions recovered, unit-norm decoder', async () => {
    const { data, directions } = syntheticData(dIn, features, 3, 4096, 11);
    const progress: Array<[number, number, TrainProgress]> = [];
    const width = 24;
    const { sae, metrics } = await trainSae({
      activations: data, rows: 4096, dIn, architecture: 'topk', width, k: 3,
      batchSize: 256, epochs: 20, seed: 3, // default lr: 2e-4 · sqrt(16384 / 24)
      onProgress: (step, total, p) => progress.push([step, total, p]),
    });
    expect(progress).toHaveLength(320);
    expect(progress.at(-1)![0]).toBe(320);
    expect(progress[0]![2].fvu).toBeGreaterThan(progress.at(-1)![2].fvu);
    expect(metrics.fvu).toBeLessThan(0.05);
    expect(metrics.l0).toBeLessThanOrEqual(3);
    const cosines = bestCosines(directions, sae.W_dec, dIn);
    expect(Math.min(...cosines)).toBeGreaterThan(0.9);
    for (let j = 0; j < width; j++) {
      expect(Math.hypot(...sae.W_dec.subarray(j * dIn, (j + 1) * dIn))).toBeCloseTo(1, 5);
    }
    expect(sae.cfg).toMatchObject({ architecture: 'topk', dIn, width, k: 3, training: { steps: 320, batchSize: 256, seed: 3 } });
  });

  it('is deterministic for a seed', async () => {
    const { data } = syntheticData(dIn, features, 3, 512, 5);
    const run = () => trainSae({ activations: data, rows: 512, dIn, architecture: 'topk', width: 20, k: 2, batchSize: 128, steps: 10, seed: 9 });
    const [a, b] = [await run(), await run()];
    expect(a.sae.W_dec).toEqual(b.sae.W_dec);
    expect(a.sae.W_enc).toEqual(b.sae.W_enc);
    expect(a.metrics.fvu).toBe(b.metrics.fvu);
  });

  it('gives the same result whether or not batches are encoded in overlapping chunks', async () => {
    const { data } = syntheticData(dIn, features, 3, 512, 6);
    const run = (pipelineChunks: number) =>
      trainSae({ activations: data, rows: 512, dIn, architecture: 'topk', width: 20, k: 2, batchSize: 128, steps: 6, seed: 4, pipelineChunks });
    const [whole, chunked] = [await run(1), await run(3)];
    chunked.sae.W_dec.forEach((value, i) => expect(value).toBeCloseTo(whole.sae.W_dec[i]!, 5));
    chunked.sae.W_enc.forEach((value, i) => expect(value).toBeCloseTo(whole.sae.W_enc[i]!, 5));
  });
});

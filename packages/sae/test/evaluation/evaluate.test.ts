import { describe, expect, it } from 'vitest';
import { evaluateSae } from '../../src/index.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';
import { densePre, topK } from '../helpers/reference.ts';

describe('evaluateSae', () => {
  it('reports L0, FVU against the data mean, density and dead fraction like a dense reference', async () => {
    const [dIn, width, k, rows] = [5, 12, 3, 40];
    const sae = randomSae(dIn, width, k, 21);
    sae.b_enc[7] = -100; // latent 7 can never win a TopK slot with a positive value
    const x = randomArray(rows * dIn, 22);
    const { indices, values } = topK(densePre(sae, x, rows, dIn, width), k);
    const mean = Array.from({ length: dIn }, (_, d) => Array.from({ length: rows }, (_, i) => x[i * dIn + d]!).reduce((a, b) => a + b) / rows);
    let error = 0;
    let variance = 0;
    const fires = new Array<number>(width).fill(0);
    for (let i = 0; i < rows; i++) {
      indices[i]!.forEach((j, s) => {
        if (values[i]![s]! > 0) fires[j] = fires[j]! + 1;
      });
      for (let d = 0; d < dIn; d++) {
        let xhat = sae.b_dec[d]!;
        indices[i]!.forEach((j, s) => (xhat += values[i]![s]! * sae.W_dec[j * dIn + d]!));
        error += (x[i * dIn + d]! - xhat) ** 2;
        variance += (x[i * dIn + d]! - mean[d]!) ** 2;
      }
    }
    const result = await evaluateSae(sae, x, rows, { batchSize: 16 });
    expect(result.l0).toBeCloseTo(fires.reduce((a, b) => a + b) / rows, 10);
    expect(result.fvu).toBeCloseTo(error / variance, 4);
    expect(Array.from(result.density)).toEqual(fires.map((f) => Math.fround(f / rows)));
    expect(result.deadFraction).toBeCloseTo(fires.filter((f) => f === 0).length / width, 10);
    expect(result.deadFraction).toBeGreaterThan(0);
  });
});

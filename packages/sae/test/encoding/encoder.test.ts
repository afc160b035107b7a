import { describe, expect, it } from 'vitest';
import { createTopKEncoder } from '../../src/index.ts';
import { randomArray, randomSae } from '../helpers/fixtures.ts';
import { densePre, topK } from '../helpers/reference.ts';

describe('createTopKEncoder', () => {
  it('returns the same sparse codes as a brute-force dense reference (sort, top-k, ReLU)', async () => {
    for (const [dIn, width, k, rows, seed] of [[8, 24, 5, 13, 1], [5, 7, 7, 4, 2], [12, 40, 1, 9, 3]] as const) {
      const sae = randomSae(dIn, width, k, seed);
      const x = randomArray(rows * dIn, seed + 100);
      const encoder = await createTopKEncoder(sae, { batchSize: 5 });
      const codes = await encoder.encode(x, rows);
      await encoder.close();
      const reference = topK(densePre(sae, x, rows, dIn, width), k);
      expect(codes.indices.length).toBe(rows * k);
      expect(Array.from(codes.indices)).toEqual(reference.indices.flat());
      const values = Array.from(codes.values);
      reference.values.flat().forEach((value, i) => expect(values[i]).toBeCloseTo(value, 5));
    }
  });

  it('gives exact zeros where the pre-activation is <= 0', async () => {
    const sae = randomSae(6, 10, 4, 7);
    sae.b_enc.fill(-3);
    const x = randomArray(6 * 20, 8);
    const encoder = await createTopKEncoder(sae);
    const { values } = await encoder.encode(x, 20);
    await encoder.close();
    const reference = topK(densePre(sae, x, 20, 6, 10), 4).values.flat();
    expect(reference.some((v) => v === 0)).toBe(true);
    reference.forEach((value, i) => (value === 0 ? expect(values[i]).toBe(0) : expect(values[i]).toBeGreaterThan(0)));
  });

  it('accepts a k other than the SAE’s and rejects bad k and lengths', async () => {
    const sae = randomSae(4, 6, 2, 9);
    const encoder = await createTopKEncoder(sae, { k: 3 });
    expect((await encoder.encode(randomArray(8, 1), 2)).indices.length).toBe(6);
    await expect(encoder.encode(new Float32Array(7), 2)).rejects.toThrow(/7 values but rows × dIn = 2 × 4 = 8/);
    await encoder.close();
    await expect(createTopKEncoder(sae, { k: 7 })).rejects.toThrow(/k \(7\) must not exceed the SAE width \(6\)/);
    await expect(createTopKEncoder(sae, { k: 0 })).rejects.toThrow(/k must be an integer >= 1, got 0/);
  });
});

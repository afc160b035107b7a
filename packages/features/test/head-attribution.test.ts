import { describe, expect, it } from 'vitest';
import { headAttributions, isAttentionHeadHook } from '../src/index.ts';
import { randomMatrix, seededRandom } from './support/random.ts';

describe('headAttributions', () => {
  it('gives each head its share of the squared decoder norm', () => {
    // dIn 6 = 3 heads × 2: row 0 lives in head 1 only; row 1 has energies 1, 4, 4 (of 9).
    const decoder = Float32Array.from([0, 0, 3, -4, 0, 0, 1, 0, 0, 2, 2, 0]);
    const shares = headAttributions(decoder, 6, 3);
    expect(Array.from(shares)).toEqual([0, 1, 0, ...[1 / 9, 4 / 9, 4 / 9].map(Math.fround)]);
  });

  it('sums to 1 per feature and matches a brute-force slice computation', () => {
    const width = 7;
    const nHeads = 4;
    const dHead = 3;
    const decoder = randomMatrix(width, nHeads * dHead, seededRandom(5));
    const shares = headAttributions(decoder, nHeads * dHead, nHeads);
    for (let j = 0; j < width; j += 1) {
      const row = Array.from(decoder.subarray(j * nHeads * dHead, (j + 1) * nHeads * dHead));
      const total = row.reduce((sum, v) => sum + v * v, 0);
      const expected = Array.from({ length: nHeads }, (_, h) =>
        row.slice(h * dHead, (h + 1) * dHead).reduce((sum, v) => sum + v * v, 0) / total,
      );
      const got = Array.from(shares.subarray(j * nHeads, (j + 1) * nHeads));
      got.forEach((share, h) => expect(share).toBeCloseTo(expected[h]!, 6));
      expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });

  it('leaves a zero decoder row at zero and rejects a d_in the heads do not divide', () => {
    expect(Array.from(headAttributions(new Float32Array(8), 4, 2))).toEqual([0, 0, 0, 0]);
    expect(() => headAttributions(new Float32Array(10), 5, 2)).toThrow(/d_in must be n_heads × d_head\. Check the head count/);
    expect(() => headAttributions(new Float32Array(10), 5, 2)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', userFacing: true }));
    expect(() => headAttributions(new Float32Array(10), 4, 2)).toThrow(/not a multiple of d_in 4/);
  });

  it('recognises attention head-output hooks only', () => {
    expect(isAttentionHeadHook('blocks.0.attn.hook_z')).toBe(true);
    expect(isAttentionHeadHook('blocks.11.attn.hook_z')).toBe(true);
    expect(isAttentionHeadHook('blocks.2.hook_resid_post')).toBe(false);
    expect(isAttentionHeadHook('blocks.2.hook_attn_out')).toBe(false);
  });
});

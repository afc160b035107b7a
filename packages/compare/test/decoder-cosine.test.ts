import { describe, expect, it } from 'vitest';
import { compareDecoders, figure, randomOrthogonal, type Dictionary } from '../src/index.ts';
import { multiply } from '../src/matrix.ts';
import { mulberry32 } from '../src/random.ts';

function randomDictionary(id: string, width: number, dIn: number, seed: number): Dictionary {
  const random = mulberry32(seed);
  return { id, width, dIn, W_dec: Float32Array.from({ length: width * dIn }, () => random() - 0.5) };
}

describe('decoder-cosine matching', () => {
  it('matches a dictionary against itself 100%, exactly and approximately', async () => {
    const a = randomDictionary('a', 300, 32, 1);
    for (const exactLimit of [4096, 100]) {
      const { summary, matches } = await compareDecoders(a, a, { exactLimit, nullDraws: 50 });
      expect(summary.approximate).toBe(exactLimit < 300);
      expect(figure(summary, 'mutualShare').value).toBe(1);
      expect(figure(summary, 'sharedShare').value).toBe(1);
      expect(figure(summary, 'meanBestAB').value).toBeCloseTo(1, 5);
      expect(figure(summary, 'assignedMean').pValue).toBeCloseTo(1 / 51, 6);
      const assigned = matches.filter((edge) => edge.assigned);
      expect(assigned).toHaveLength(300);
      expect(assigned.every((edge) => edge.featureA === edge.featureB && edge.mutual)).toBe(true);
    }
  });

  it('collapses to the rotation null when B is rotated', async () => {
    const a = randomDictionary('a', 256, 32, 2);
    const rotated = { ...a, id: 'rotated', W_dec: multiply(a.W_dec, a.width, a.dIn, randomOrthogonal(a.dIn, 9), a.dIn) };
    const { summary } = await compareDecoders(a, rotated, { rotationNullDraws: 3 });
    const best = figure(summary, 'meanBestAB');
    expect(best.value).toBeLessThan(0.8);
    expect(Math.abs(best.value - best.null!.mean)).toBeLessThan(0.1);
    expect(figure(summary, 'sharedShare').value).toBeLessThan(0.05);
  });

  it('refuses different d_in and different hooks, suggesting activation correlation', async () => {
    const a = randomDictionary('a', 16, 32, 3);
    const b = randomDictionary('b', 16, 48, 4);
    await expect(compareDecoders(a, b)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/d_in 32.*d_in 48.*activation correlation/s) });
    const c = { ...a, id: 'c', modelId: 'demo-lm', hookName: 'blocks.1.hook_resid_post' };
    const d = { ...a, id: 'd', modelId: 'demo-lm', hookName: 'blocks.2.hook_resid_post' };
    await expect(compareDecoders(c, d)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/different spaces.*activation-correlation/s) });
  });

  it('stops with CANCELLED when its signal fires', async () => {
    const a = randomDictionary('a', 64, 16, 5);
    await expect(compareDecoders(a, a, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

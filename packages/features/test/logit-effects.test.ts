import { describe, expect, it } from 'vitest';
import { logitEffects } from '../src/index.ts';
import { dot, randomMatrix, seededRandom } from './support/random.ts';

describe('logitEffects', () => {
  const width = 9;
  const vocab = 50;
  const dIn = 5;
  const random = seededRandom(11);
  const decoder = randomMatrix(width, dIn, random);
  const unembedding = randomMatrix(vocab, dIn, random);

  it('finds the top and bottom tokens of W_dec · W_U like a brute-force product', async () => {
    const effects = await logitEffects(decoder, unembedding, dIn, { count: 3, blockRows: 4 });
    expect(effects).toHaveLength(width);
    for (let feature = 0; feature < width; feature += 1) {
      const all = Array.from({ length: vocab }, (_, tokenId) => ({ tokenId, value: dot(decoder, feature, unembedding, tokenId, dIn) }));
      const byValue = [...all].sort((a, b) => b.value - a.value);
      const { positive, negative } = effects[feature]!;
      expect(positive.map((e) => e.tokenId)).toEqual(byValue.slice(0, 3).map((e) => e.tokenId));
      expect(negative.map((e) => e.tokenId)).toEqual(byValue.slice(-3).reverse().map((e) => e.tokenId));
      positive.forEach((e, i) => expect(e.value).toBeCloseTo(byValue[i]!.value, 5));
      negative.forEach((e, i) => expect(e.value).toBeCloseTo(byValue.at(-1 - i)!.value, 5));
    }
  });

  it('ranks only the given tokens when asked, reporting their own ids', async () => {
    const tokenIds = Array.from({ length: vocab }, (_, id) => id).filter((id) => id % 3 !== 0);
    const effects = await logitEffects(decoder, unembedding, dIn, { count: 4, tokenIds });
    for (let feature = 0; feature < width; feature += 1) {
      const byValue = tokenIds
        .map((tokenId) => ({ tokenId, value: dot(decoder, feature, unembedding, tokenId, dIn) }))
        .sort((a, b) => b.value - a.value);
      const { positive, negative } = effects[feature]!;
      expect(positive.map((e) => e.tokenId)).toEqual(byValue.slice(0, 4).map((e) => e.tokenId));
      expect(negative.map((e) => e.tokenId)).toEqual(byValue.slice(-4).reverse().map((e) => e.tokenId));
      expect([...positive, ...negative].every((e) => e.tokenId % 3 !== 0)).toBe(true);
    }
  });
});

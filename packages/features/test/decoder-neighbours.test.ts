import { describe, expect, it } from 'vitest';
import { decoderNeighbours } from '../src/index.ts';
import { dot, randomMatrix, seededRandom } from './support/random.ts';

describe('decoderNeighbours', () => {
  const width = 37;
  const dIn = 6;
  const decoder = randomMatrix(width, dIn, seededRandom(3));
  // A zero row must not produce NaN cosines.
  decoder.fill(0, 5 * dIn, 6 * dIn);

  function bruteForce(feature: number, count: number) {
    const norm = (i: number) => Math.max(Math.sqrt(dot(decoder, i, decoder, i, dIn)), 1e-12);
    return Array.from({ length: width }, (_, index) => ({
      index,
      cosine: dot(decoder, feature, decoder, index, dIn) / (norm(feature) * norm(index)),
    }))
      .filter((entry) => entry.index !== feature)
      .sort((a, b) => b.cosine - a.cosine)
      .slice(0, count);
  }

  it('matches a brute-force cosine ranking, self excluded, across several blocks', async () => {
    const neighbours = await decoderNeighbours(decoder, dIn, { count: 4, blockRows: 5 });
    expect(neighbours).toHaveLength(width);
    for (let feature = 0; feature < width; feature += 1) {
      const expected = bruteForce(feature, 4);
      const actual = neighbours[feature]!;
      expect(actual.map((n) => n.index)).not.toContain(feature);
      if (feature === 5) {
        expect(actual.every((n) => n.cosine === 0)).toBe(true);
        continue;
      }
      expect(actual.map((n) => n.index)).toEqual(expected.map((n) => n.index));
      actual.forEach((n, i) => expect(n.cosine).toBeCloseTo(expected[i]!.cosine, 5));
    }
  });

  it('returns fewer neighbours than asked when the SAE is narrower', async () => {
    const neighbours = await decoderNeighbours(decoder.subarray(0, 3 * dIn), dIn, { count: 10 });
    expect(neighbours.map((list) => list.length)).toEqual([2, 2, 2]);
  });
});

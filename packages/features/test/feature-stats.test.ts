import { describe, expect, it } from 'vitest';
import { FeatureStatsAccumulator } from '../src/index.ts';
import { randomCodes, seededRandom } from './support/random.ts';

describe('FeatureStatsAccumulator', () => {
  const width = 12;
  const k = 3;
  const contextLength = 8;
  const contexts = 40;
  const codes = randomCodes(contexts * contextLength, width, k, seededRandom(7));

  // Brute force: dense [context][position][feature] values.
  const dense = Array.from({ length: contexts }, (_, c) =>
    Array.from({ length: contextLength }, (_, p) => {
      const row = new Array<number>(width).fill(0);
      for (let slot = 0; slot < k; slot += 1) {
        const at = (c * contextLength + p) * k + slot;
        row[codes.indices[at]!] = codes.values[at]!;
      }
      return row;
    }),
  );

  const accumulator = new FeatureStatsAccumulator(width, { topK: 5, histogramBins: 6 });
  for (let c = 0; c < contexts; c += 1) accumulator.addContext(c, codes, c * contextLength, contextLength);
  const stats = accumulator.finish();

  it('counts density, max and mean exactly', () => {
    for (let feature = 0; feature < width; feature += 1) {
      const fired = dense.flat().map((row) => row[feature]!).filter((v) => v > 0);
      expect(stats[feature]!.firingCount).toBe(fired.length);
      expect(stats[feature]!.density).toBeCloseTo(fired.length / (contexts * contextLength), 12);
      expect(stats[feature]!.maxActivation).toBe(Math.max(0, ...fired));
      expect(stats[feature]!.meanActivation).toBeCloseTo(fired.reduce((a, b) => a + b, 0) / fired.length, 5);
    }
  });

  it('keeps the strongest contexts with every firing position', () => {
    for (let feature = 0; feature < width; feature += 1) {
      const expected = dense
        .map((context, contextIndex) => ({
          contextIndex,
          maxValue: Math.max(...context.map((row) => row[feature]!)),
          positions: context.flatMap((row, position) => (row[feature]! > 0 ? [position] : [])),
        }))
        .filter((entry) => entry.maxValue > 0)
        .sort((a, b) => b.maxValue - a.maxValue || a.contextIndex - b.contextIndex)
        .slice(0, 5);
      const actual = stats[feature]!.topContexts;
      expect(actual.map((entry) => entry.contextIndex)).toEqual(expected.map((entry) => entry.contextIndex));
      for (const [i, entry] of actual.entries()) {
        expect(entry.maxValue).toBe(expected[i]!.maxValue);
        expect(entry.positions).toEqual(expected[i]!.positions);
        expect(entry.values[entry.positions.indexOf(entry.maxPosition)]).toBe(entry.maxValue);
        const row = dense[entry.contextIndex]!;
        expect(entry.values).toEqual(entry.positions.map((p) => row[p]![feature]!));
      }
    }
  });

  it('draws a log-spaced histogram over each feature\'s own range that counts every firing', () => {
    for (const feature of stats) {
      if (feature.firingCount === 0) continue;
      const { edges, counts } = feature.histogram;
      expect(edges.length).toBe(counts.length + 1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(feature.firingCount);
      expect(edges.at(-1)).toBe(feature.maxActivation);
      for (let i = 1; i < edges.length; i += 1) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
      if (edges.length > 2) {
        const ratios = edges.slice(2).map((edge, i) => edge / edges[i + 1]!);
        expect(Math.max(...ratios) / Math.min(...ratios)).toBeLessThan(1.01);
      }
    }
  });

  it('rejects feature indices outside the width', () => {
    const bad = new FeatureStatsAccumulator(2);
    const oversized = { indices: Int32Array.from([5]), values: Float32Array.from([1]), k: 1 };
    expect(() => bad.addContext(0, oversized, 0, 1)).toThrow(/outside the SAE width 2/);
  });
});

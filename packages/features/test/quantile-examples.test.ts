import { describe, expect, it } from 'vitest';
import { FeatureStatsAccumulator, QuantileSampler, encoderDecoderCosines } from '../src/index.ts';
import { randomCodes, seededRandom } from './support/random.ts';

const width = 6;
const k = 2;
const seqLen = 5;
const contexts = 60;
const codes = randomCodes(contexts * seqLen, width, k, seededRandom(11));

/** Brute force: per feature, every context where it fired with its maximum, position of the first maximum, and dense values. */
function bruteForce() {
  return Array.from({ length: width }, (_, feature) => {
    const fired: { contextIndex: number; maxValue: number; maxPosition: number; dense: number[] }[] = [];
    for (let c = 0; c < contexts; c += 1) {
      const dense = new Array<number>(seqLen).fill(0);
      for (let p = 0; p < seqLen; p += 1) {
        for (let s = 0; s < k; s += 1) {
          const row = (c * seqLen + p) * k + s;
          if (codes.indices[row] === feature && codes.values[row]! > 0) dense[p] = codes.values[row]!;
        }
      }
      const maxValue = Math.max(...dense);
      if (maxValue > 0) fired.push({ contextIndex: c, maxValue, maxPosition: dense.indexOf(maxValue), dense });
    }
    return fired;
  });
}

function run(options: ConstructorParameters<typeof FeatureStatsAccumulator>[1]) {
  const accumulator = new FeatureStatsAccumulator(width, options);
  for (let c = 0; c < contexts; c += 1) accumulator.addContext(c, codes, c * seqLen, seqLen);
  return accumulator.finish();
}

describe('quantile examples', () => {
  const reference = bruteForce();

  it('with a reservoir larger than the data, bins are exact equal-count cuts of all context maxima', () => {
    const stats = run({ topK: 3, quantiles: { reservoirSize: 1000, bins: 5, perBin: 2 } });
    for (const feature of stats) {
      const fired = reference[feature.index]!;
      const sorted = [...fired].sort((a, b) => a.maxValue - b.maxValue || a.contextIndex - b.contextIndex);
      const n = sorted.length;
      const expected = [];
      for (let bin = 0; bin < 5; bin += 1) {
        const members = sorted.slice(Math.floor((bin * n) / 5), Math.floor(((bin + 1) * n) / 5));
        if (members.length > 0) expected.push({ bin, lower: members[0]!.maxValue, upper: members.at(-1)!.maxValue, count: members.length });
      }
      expect(feature.quantileBins.map(({ bin, lower, upper, count }) => ({ bin, lower, upper, count }))).toEqual(expected);
      const tops = new Set(feature.topContexts.map((top) => top.contextIndex));
      for (const bin of feature.quantileBins) {
        expect(bin.examples.length).toBe(Math.min(2, bin.count));
        const nonTop = sorted
          .slice(Math.floor((bin.bin * n) / 5), Math.floor(((bin.bin + 1) * n) / 5))
          .filter((m) => !tops.has(m.contextIndex)).length;
        for (const example of bin.examples) {
          expect(example.maxValue).toBeGreaterThanOrEqual(bin.lower);
          expect(example.maxValue).toBeLessThanOrEqual(bin.upper);
          const truth = fired.find((f) => f.contextIndex === example.contextIndex)!;
          expect(example.maxValue).toBe(truth.maxValue);
          expect(example.maxPosition).toBe(truth.maxPosition);
          const dense = new Array<number>(seqLen).fill(0);
          example.positions.forEach((p, i) => (dense[p] = example.values[i]!));
          expect(dense).toEqual(truth.dense);
          // Top contexts are only used when the bin has too few others.
          if (nonTop >= 2) expect(tops.has(example.contextIndex)).toBe(false);
        }
      }
    }
  });

  it('a small reservoir keeps a sample of real contexts, every example inside its bin', () => {
    const stats = run({ quantiles: { reservoirSize: 7, seed: 3 } });
    for (const feature of stats) {
      const fired = reference[feature.index]!;
      expect(feature.isDead).toBe(fired.length === 0);
      const total = feature.quantileBins.reduce((sum, bin) => sum + bin.count, 0);
      expect(total).toBe(Math.min(7, fired.length));
      let previousUpper = -Infinity;
      for (const bin of feature.quantileBins) {
        expect(bin.lower).toBeLessThanOrEqual(bin.upper);
        expect(bin.lower).toBeGreaterThanOrEqual(previousUpper);
        previousUpper = bin.upper;
        for (const example of bin.examples) {
          expect(example.maxValue).toBeGreaterThanOrEqual(bin.lower);
          expect(example.maxValue).toBeLessThanOrEqual(bin.upper);
          expect(fired.find((f) => f.contextIndex === example.contextIndex)?.maxValue).toBe(example.maxValue);
        }
      }
    }
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const pick = (seed: number) =>
      run({ quantiles: { reservoirSize: 4, seed } }).map((f) => f.quantileBins.flatMap((b) => b.examples.map((e) => e.contextIndex)));
    expect(pick(5)).toEqual(pick(5));
    expect(pick(5)).not.toEqual(pick(6));
  });

  it('samples uniformly: every context is about equally likely to stay in the reservoir', () => {
    const hits = new Array<number>(20).fill(0);
    const trials = 4000;
    for (let t = 0; t < trials; t += 1) {
      const sampler = new QuantileSampler(1, { reservoirSize: 5, seed: t });
      for (let c = 0; c < 20; c += 1) sampler.offer(0, c, c + 1, 0, [0], [c + 1]);
      for (const entry of sampler.reservoir(0)) hits[entry.contextIndex]! += 1;
    }
    for (const count of hits) expect(Math.abs(count / trials - 5 / 20)).toBeLessThan(0.04);
  });

  it('flags dense features', () => {
    const stats = run({});
    for (const feature of stats) expect(feature.isDense).toBe(feature.density > 0.1);
  });
});

describe('encoderDecoderCosines', () => {
  it('matches a direct computation', () => {
    const random = seededRandom(2);
    const dIn = 4;
    const w = 3;
    const enc = Float32Array.from({ length: dIn * w }, () => random() - 0.5);
    const dec = Float32Array.from({ length: dIn * w }, () => random() - 0.5);
    dec.fill(0, 2 * dIn, 3 * dIn);
    const cos = encoderDecoderCosines(enc, dec, dIn);
    for (let j = 0; j < w; j += 1) {
      const e = Array.from({ length: dIn }, (_, i) => enc[i * w + j]!);
      const d = Array.from({ length: dIn }, (_, i) => dec[j * dIn + i]!);
      const dot = e.reduce((s, x, i) => s + x * d[i]!, 0);
      const norm = Math.hypot(...e) * Math.hypot(...d);
      expect(cos[j]).toBeCloseTo(norm > 0 ? dot / norm : 0, 5);
    }
    expect(cos[2]).toBe(0);
  });
});

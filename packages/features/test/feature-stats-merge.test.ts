import { describe, expect, it } from 'vitest';
import { FeatureStatsAccumulator, type FeatureStatsOptions } from '../src/index.ts';
import { randomCodes, seededRandom } from './support/random.ts';

const width = 24;
const k = 4;
const seqLen = 6;
const contexts = 90;
const codes = randomCodes(contexts * seqLen, width, k, seededRandom(21));
// Small lists and samples so that eviction, ties and merging are all exercised.
const options: FeatureStatsOptions = { topK: 4, histogramBins: 7, quantiles: { reservoirSize: 6, bins: 3, perBin: 2, seed: 9 } };

/** Accumulates contexts [first, end) into a fresh accumulator. */
function pass(first: number, end: number): FeatureStatsAccumulator {
  const accumulator = new FeatureStatsAccumulator(width, options);
  for (let c = first; c < end; c += 1) accumulator.addContext(c, codes, c * seqLen, seqLen);
  return accumulator;
}

describe('FeatureStatsAccumulator.merge', () => {
  const single = pass(0, contexts).finish();

  it('3 shards merged give exactly the single-pass statistics', () => {
    const merged = pass(0, 25);
    merged.merge(pass(25, 61));
    merged.merge(pass(61, contexts));
    expect(merged.finish()).toEqual(single);
  });

  it('the merge order does not matter', () => {
    const merged = pass(61, contexts);
    merged.merge(pass(0, 25));
    merged.merge(pass(25, 61));
    expect(merged.finish()).toEqual(single);
  });

  it('survives toState/fromState (how shards travel between processes)', () => {
    const shards = [pass(0, 40), pass(40, contexts)].map((shard) => FeatureStatsAccumulator.fromState(shard.toState()));
    const merged = new FeatureStatsAccumulator(width, options);
    for (const shard of shards) merged.merge(shard);
    expect(merged.finish()).toEqual(single);
  });

  it('a tie in context maxima keeps the earlier context, in one pass and merged', () => {
    const tied = { indices: Int32Array.from([0, 0, 0]), values: Float32Array.from([2, 2, 2]), k: 1 };
    const one = new FeatureStatsAccumulator(1, { topK: 2 });
    for (let c = 0; c < 3; c += 1) one.addContext(c, tied, c, 1);
    const late = new FeatureStatsAccumulator(1, { topK: 2 });
    late.addContext(2, tied, 2, 1);
    const early = new FeatureStatsAccumulator(1, { topK: 2 });
    early.addContext(0, tied, 0, 1);
    early.addContext(1, tied, 1, 1);
    late.merge(early);
    expect(one.finish()[0]!.topContexts.map((t) => t.contextIndex)).toEqual([0, 1]);
    expect(late.finish()).toEqual(one.finish());
  });

  it('refuses to merge different widths or options', () => {
    expect(() => new FeatureStatsAccumulator(3).merge(new FeatureStatsAccumulator(4))).toThrow(/width 4 into width 3/);
    expect(() => new FeatureStatsAccumulator(3, { topK: 2 }).merge(new FeatureStatsAccumulator(3, { topK: 3 }))).toThrow(/different options/);
  });
});

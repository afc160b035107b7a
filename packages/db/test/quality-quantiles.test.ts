import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getFeaturesByIds,
  getQuantileExamples,
  ingestSaeAtlas,
  listFeatures,
  upsertModel,
  type AtlasDb,
  type FeatureRow,
  type IngestSaeInput,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

function input(): IngestSaeInput {
  const base = atlasInput();
  return {
    ...base,
    features: base.features.map((feature) => ({
      ...feature,
      // Feature 5 has no cosine (not computed); 4 is marked dead explicitly; others use defaults.
      ...(feature.index === 5 ? {} : { encoderDecoderCosine: 0.5 + feature.index / 10 }),
      ...(feature.index === 4 ? { isDead: true, density: 0 } : {}),
    })),
    examples: [
      ...base.examples,
      { featureIndex: 0, contextKey: 'ctx0', kind: 'quantile', rank: 5, maxValue: 2.25, maxPosition: 1 },
      { featureIndex: 0, contextKey: 'ctx1', kind: 'quantile', rank: 6, maxValue: 4.5, maxPosition: 2 },
    ],
    quantileBins: [
      { featureIndex: 0, bin: 1, lower: 2, upper: 4.5, count: 3 },
      { featureIndex: 0, bin: 0, lower: 0.5, upper: 0.5, count: 1 },
      { featureIndex: 3, bin: 0, lower: 1, upper: 1, count: 1 },
    ],
  };
}

describe.each(drivers)('feature quality and quantile examples (%s)', (_name, open) => {
  let db: AtlasDb;
  let features: FeatureRow[];
  const byIndex = (index: number) => features.find((f) => f.index === index)!;

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    const result = await ingestSaeAtlas(db, input());
    expect(result.rows).toMatchObject({ quantileBins: 3, examples: 6 });
    features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
  });
  afterAll(() => db.close());

  it('stores encoder·decoder cosine and the dead / dense flags on features', async () => {
    expect(byIndex(0).encoderDecoderCosine).toBeCloseTo(0.5, 6);
    expect(byIndex(3).encoderDecoderCosine).toBeCloseTo(0.8, 6);
    expect(byIndex(5).encoderDecoderCosine).toBeNull();
    // density = 0.1 × (index + 1): dense from index 1 on (0.2 > 0.1); index 0's 0.1 is not > 0.1.
    expect(features.map((f) => [f.index, f.isDead, f.isDense])).toEqual([
      [0, false, false], [1, false, true], [2, false, true], [3, false, true], [4, true, false], [5, false, true],
    ]);
    const [one] = await getFeaturesByIds(db, [byIndex(4).id]);
    expect(one).toEqual(byIndex(4));
  });

  it('reads quantile bins, weakest first, with their examples, tokens and dense values in one call', async () => {
    const found = await getQuantileExamples(db, [byIndex(0).id, byIndex(3).id, byIndex(2).id]);
    expect(found.has(byIndex(2).id)).toBe(false);
    const bins = found.get(byIndex(0).id)!;
    expect(bins.map((b) => [b.bin, b.lower, b.upper, b.count])).toEqual([[0, 0.5, 0.5, 1], [1, 2, 4.5, 3]]);
    expect(bins[0]!.examples.map((e) => [e.rank, e.maxValue])).toEqual([[0, 0.5]]);
    expect(bins[1]!.examples.map((e) => [e.rank, e.maxValue])).toEqual([[5, 2.25], [6, 4.5]]);
    const strongest = bins[1]!.examples[1]!;
    expect(strongest.values).toEqual([0, 0, 4.5, 0, 0.75]);
    expect(strongest.tokens).toHaveLength(5);
    expect(strongest.corpusName).toBe('Demo corpus');
    // A bin without stored examples still comes back, with none.
    expect(found.get(byIndex(3).id)).toEqual([
      { featureId: byIndex(3).id, bin: 0, lower: 1, upper: 1, count: 1, examples: [] },
    ]);
  });

  it('rejects a bin whose lower bound is above its upper bound', async () => {
    const bad = { ...input(), quantileBins: [{ featureIndex: 0, bin: 0, lower: 2, upper: 1, count: 1 }] };
    await expect(ingestSaeAtlas(db, { ...bad, sae: { ...bad.sae, id: `${SAE_ID}-bad` }, checksum: 'sha256:bad' })).rejects.toThrow(
      /lower 2 > upper 1/,
    );
  });
});

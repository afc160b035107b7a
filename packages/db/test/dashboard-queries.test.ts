import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getFeatureNeighbours,
  getLogitEffects,
  ingestSaeAtlas,
  listFeatures,
  upsertModel,
  type AtlasDb,
  type FeatureRow,
  type IngestLogitEffect,
  type IngestNeighbour,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

const neighbours: IngestNeighbour[] = [
  { featureIndex: 0, method: 'decoder_cosine', rank: 0, neighbourIndex: 1, score: 0.99 },
  { featureIndex: 0, method: 'decoder_cosine', rank: 1, neighbourIndex: 4, score: 0.25 },
  { featureIndex: 0, method: 'coactivation', rank: 0, neighbourIndex: 3, score: 0.5 },
  { featureIndex: 1, method: 'decoder_cosine', rank: 0, neighbourIndex: 0, score: 0.99 },
];

const logitEffects: IngestLogitEffect[] = [
  { featureIndex: 2, direction: 'negative', rank: 1, tokenId: 7, token: ' NULL', value: -0.5 },
  { featureIndex: 2, direction: 'positive', rank: 0, tokenId: 3, token: ' cat', value: 2 },
  { featureIndex: 2, direction: 'negative', rank: 0, tokenId: 9, token: '"quoted"', value: -1.25 },
  { featureIndex: 2, direction: 'positive', rank: 1, tokenId: 4, token: ' sat', value: 1.5 },
  { featureIndex: 4, direction: 'positive', rank: 0, tokenId: 0, token: '\u0000', value: 0.5 },
];

describe.each(drivers)('neighbours and logit effects (%s)', (_name, open) => {
  let db: AtlasDb;
  let features: FeatureRow[];
  const byIndex = (index: number) => features.find((f) => f.index === index)!;

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    const result = await ingestSaeAtlas(db, atlasInput({ neighbours, logitEffects }));
    expect(result.rows).toMatchObject({ neighbours: 4, logitEffects: 5 });
    features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
  });
  afterAll(() => db.close());

  it('reads ranked neighbours of one method with their feature rows, in one call', async () => {
    const found = await getFeatureNeighbours(db, [byIndex(0).id, byIndex(1).id, byIndex(5).id], 'decoder_cosine');
    expect([...found.keys()].sort()).toEqual([byIndex(0).id, byIndex(1).id].sort());
    const list = found.get(byIndex(0).id)!;
    expect(list.map((n) => [n.rank, n.neighbour.index])).toEqual([[0, 1], [1, 4]]);
    expect(list[0]!.score).toBeCloseTo(0.99, 6);
    expect(list[1]!.neighbour).toEqual(byIndex(4));
    const coactive = await getFeatureNeighbours(db, [byIndex(0).id], 'coactivation');
    expect(coactive.get(byIndex(0).id)?.map((n) => n.neighbour.index)).toEqual([3]);
  });

  it('reads logit effects split by direction, strongest first', async () => {
    const effects = await getLogitEffects(db, [byIndex(2).id, byIndex(3).id]);
    expect(effects.has(byIndex(3).id)).toBe(false);
    expect(effects.get(byIndex(2).id)).toEqual({
      featureId: byIndex(2).id,
      positive: [{ tokenId: 3, token: ' cat', value: 2 }, { tokenId: 4, token: ' sat', value: 1.5 }],
      negative: [{ tokenId: 9, token: '"quoted"', value: -1.25 }, { tokenId: 7, token: ' NULL', value: -0.5 }],
    });
  });

  it('stores the NUL byte token as a visible symbol (Postgres text cannot hold NUL)', async () => {
    const effects = await getLogitEffects(db, [byIndex(4).id]);
    expect(effects.get(byIndex(4).id)?.positive).toEqual([{ tokenId: 0, token: '\u2400', value: 0.5 }]);
  });

  it('rejects a neighbour outside the SAE', async () => {
    const bad = atlasInput(
      { checksum: 'sha256:bad', neighbours: [{ featureIndex: 0, method: 'decoder_cosine', rank: 0, neighbourIndex: 99, score: 1 }] },
      `${SAE_ID}-bad`,
    );
    await expect(ingestSaeAtlas(db, bad)).rejects.toThrow(/unknown feature index: 99/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDecoderNeighboursAcrossSaes, getFeaturesByIndex, ingestSaeAtlas, upsertModel, type AtlasDb } from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

const SECOND = 'demo-lm/blocks.2.hook_resid_post/topk-6-seed-2';
const THIRD = 'demo-lm/blocks.2.hook_resid_post/topk-6-seed-3';
const OTHER_HOOK = 'demo-lm/blocks.1.hook_resid_post/topk-6';

/** The fixture SAE's decoders (basis-like, features 0 and 1 nearly equal) rotated by one axis: feature f ≈ first SAE's f + 1. */
function shifted(saeId: string, checksum: string, decoderIndex: boolean, hookName = 'blocks.2.hook_resid_post') {
  const input = atlasInput({ checksum, decoderIndex }, saeId);
  input.sae = { ...input.sae, hookName };
  input.features = input.features.map((feature) => {
    const decoder = new Float32Array(8);
    decoder[(feature.index + 2) % 8] = 1;
    if (feature.index === 5) decoder[0] = 0.2;
    return { ...feature, decoder };
  });
  return input;
}

describe.each(drivers)('decoder neighbours across SAEs (%s)', (_name, open) => {
  let db: AtlasDb;
  let target: number | undefined;
  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, atlasInput());
    await ingestSaeAtlas(db, shifted(SECOND, 'second', true));
    await ingestSaeAtlas(db, shifted(THIRD, 'third', false));
    await ingestSaeAtlas(db, shifted(OTHER_HOOK, 'other-hook', false, 'blocks.1.hook_resid_post'));
    // Feature 2 of the first SAE has decoder e₂; in the shifted SAEs feature 0 has e₂.
    target = (await getFeaturesByIndex(db, [{ saeId: SAE_ID, index: 2 }]))[0]?.id;
  });
  afterAll(() => db.close());

  it('finds the closest decoders in every other SAE on the same model and hook, through HNSW or an exact scan', async () => {
    const neighbours = await getDecoderNeighboursAcrossSaes(db, target!, { limitPerSae: 2 });
    expect(neighbours.slice(0, 2).map(({ saeId, index }) => [saeId, index])).toEqual([[SECOND, 0], [THIRD, 0]]);
    expect(neighbours.slice(0, 2).every((n) => Math.abs(n.cosine - 1) < 1e-3)).toBe(true);
    expect(neighbours.slice(2).every((n) => n.cosine < 0.5)).toBe(true);
    expect(neighbours).toHaveLength(4);
    expect(new Set(neighbours.map((n) => n.saeId))).toEqual(new Set([SECOND, THIRD]));
    expect(neighbours.map((n) => n.cosine)).toEqual([...neighbours.map((n) => n.cosine)].sort((a, b) => b - a));
  });

  it('limits to the SAEs asked for and to maxSaes of them (by id), and answers nothing for an unknown feature', async () => {
    const only = await getDecoderNeighboursAcrossSaes(db, target!, { limitPerSae: 1, saeIds: [THIRD] });
    expect(only).toEqual([{ saeId: THIRD, featureId: expect.any(Number), index: 0, cosine: expect.closeTo(1, 3) }]);
    const firstSae = [SECOND, THIRD].sort()[0];
    const capped = await getDecoderNeighboursAcrossSaes(db, target!, { limitPerSae: 2, maxSaes: 1 });
    expect(new Set(capped.map((n) => n.saeId))).toEqual(new Set([firstSae]));
    expect(await getDecoderNeighboursAcrossSaes(db, 999_999, { limitPerSae: 3 })).toEqual([]);
  });
});

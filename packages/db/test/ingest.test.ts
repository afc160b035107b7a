import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteIncompleteBuilds,
  getFeaturesByIndex,
  getSaeBuild,
  getTopActivations,
  ingestSaeAtlas,
  listFeatures,
  listSaes,
  upsertModel,
  type AtlasDb,
  IngestInputError,
} from '../src/index.ts';
import * as schema from '../src/schema/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

const DATA_TABLES = {
  contexts: schema.contexts,
  features: schema.features,
  feature_decoders: schema.featureDecoders,
  feature_examples: schema.featureExamples,
  activations: schema.activations,
  feature_histogram_bins: schema.featureHistogramBins,
  saes: schema.saes,
};

async function tableCounts(db: AtlasDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(DATA_TABLES)) {
    const [row] = await db.orm.select({ n: count() }).from(table);
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

describe.each(drivers)('ingestSaeAtlas (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
  });
  beforeEach(async () => {
    await db.orm.execute(sql`truncate models, corpora, builds, activations cascade`);
    await upsertModel(db, MODEL);
  });
  afterAll(() => db.close());

  it('skips a complete SAE with the same checksum and leaves rows unchanged', async () => {
    const first = await ingestSaeAtlas(db, atlasInput());
    const before = await tableCounts(db);
    const again = await ingestSaeAtlas(db, atlasInput());
    expect(again).toEqual({ skipped: true, rows: first.rows });
    expect(await tableCounts(db)).toEqual(before);
    expect(await getSaeBuild(db, SAE_ID)).toEqual({ checksum: 'sha256:one', status: 'complete' });
  });

  it('replaces a complete SAE when the checksum differs', async () => {
    await ingestSaeAtlas(db, atlasInput());
    const smaller = atlasInput({
      checksum: 'sha256:two',
      features: atlasInput().features.slice(0, 4),
      histograms: [],
    });
    const result = await ingestSaeAtlas(db, smaller);
    expect(result.skipped).toBe(false);
    expect(result.rows).toMatchObject({ contexts: 0, contextsReused: 3, features: 4, activations: 5 });
    expect(await getSaeBuild(db, SAE_ID)).toEqual({ checksum: 'sha256:two', status: 'complete' });
    expect(await tableCounts(db)).toMatchObject({
      saes: 1,
      features: 4,
      feature_decoders: 4,
      activations: 5,
      feature_histogram_bins: 0,
      contexts: 3,
    });
  });

  it('leaves nothing visible when it fails midway, and records the failed build', async () => {
    const stages: string[] = [];
    const bad = atlasInput({
      activations: [...atlasInput().activations, { featureIndex: 0, contextKey: 'nope', position: 0, value: 1 }],
      onProgress: (_done, _total, stage) => stages.push(stage),
    });
    await expect(ingestSaeAtlas(db, bad)).rejects.toThrow(IngestInputError);
    expect(stages).toContain('features'); // it did get past writing rows
    expect(await listSaes(db)).toEqual([]);
    expect(await tableCounts(db)).toEqual({
      contexts: 0,
      features: 0,
      feature_decoders: 0,
      feature_examples: 0,
      activations: 0,
      feature_histogram_bins: 0,
      saes: 0,
    });
    expect(await getSaeBuild(db, SAE_ID)).toEqual({ checksum: 'sha256:one', status: 'failed' });
  });

  it('keeps the previous complete SAE when a replacement fails', async () => {
    await ingestSaeAtlas(db, atlasInput());
    const bad = atlasInput({ checksum: 'sha256:bad', histograms: [{ featureIndex: 0, edges: [1], counts: [1] }] });
    await expect(ingestSaeAtlas(db, bad)).rejects.toThrow(/counts \+ 1 edges/);
    expect(await getSaeBuild(db, SAE_ID)).toEqual({ checksum: 'sha256:one', status: 'complete' });
    expect(await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 10 })).toHaveLength(6);
  });

  it('rejects an SAE of an unknown model and a decoder of the wrong length', async () => {
    const orphan = atlasInput();
    orphan.sae = { ...orphan.sae, modelId: 'no-such-model' };
    await expect(ingestSaeAtlas(db, orphan)).rejects.toThrow(/upsertModel/);
    const input = atlasInput();
    input.features[2] = { ...input.features[2]!, decoder: new Float32Array(3) };
    await expect(ingestSaeAtlas(db, input)).rejects.toThrow(/decoder has 3 values, d_in is 8/);
  });

  it('stores contexts once for two SAEs of the same model', async () => {
    await ingestSaeAtlas(db, atlasInput());
    const otherId = 'demo-lm/blocks.3.hook_resid_post/topk-6';
    const other = atlasInput({ checksum: 'sha256:other' }, otherId);
    other.sae = { ...other.sae, hookName: 'blocks.3.hook_resid_post' };
    other.contexts = other.contexts.map((c) => ({ ...c, key: `other-${c.key}` }));
    other.examples = other.examples.map((e) => ({ ...e, contextKey: `other-${e.contextKey}` }));
    other.activations = other.activations.map((a) => ({ ...a, contextKey: `other-${a.contextKey}` }));
    const result = await ingestSaeAtlas(db, other);
    expect(result.rows).toMatchObject({ contexts: 0, contextsReused: 3 });
    expect(await tableCounts(db)).toMatchObject({ saes: 2, contexts: 3, features: 12, activations: 10 });
    expect((await listSaes(db)).map((s) => s.id)).toEqual([SAE_ID, otherId]);
  });

  it('refreshes the display strings of a reused context when they changed', async () => {
    await ingestSaeAtlas(db, atlasInput());
    const otherId = 'demo-lm/blocks.3.hook_resid_post/topk-6';
    const other = atlasInput({ checksum: 'sha256:redisplayed' }, otherId);
    other.sae = { ...other.sae, hookName: 'blocks.3.hook_resid_post' };
    other.contexts = other.contexts.map((c) => ({ ...c, tokens: c.tokens.map((t) => `${t}*`) }));
    const result = await ingestSaeAtlas(db, other);
    expect(result.rows).toMatchObject({ contexts: 0 });
    const [feature] = await getFeaturesByIndex(db, [{ saeId: SAE_ID, index: 0 }]);
    const examples = (await getTopActivations(db, [feature!.id], 5)).get(feature!.id) ?? [];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example.tokens.every((token) => token.endsWith('*'))).toBe(true);
  });

  it('refuses to reuse a context whose stored tokens differ (a re-tokenized model under the same id)', async () => {
    await ingestSaeAtlas(db, atlasInput());
    const otherId = 'demo-lm/blocks.3.hook_resid_post/topk-6';
    const other = atlasInput({ checksum: 'sha256:retokenized' }, otherId);
    other.sae = { ...other.sae, hookName: 'blocks.3.hook_resid_post' };
    other.contexts = other.contexts.map((c) => ({ ...c, tokenIds: c.tokenIds.map((id) => id + 1) }));
    await expect(ingestSaeAtlas(db, other)).rejects.toThrow(/different token ids: its tokenizer changed/);
    expect((await listSaes(db)).map((s) => s.id)).toEqual([SAE_ID]);
  });

  it('deleteIncompleteBuilds removes a half-built SAE and its rows', async () => {
    await ingestSaeAtlas(db, atlasInput());
    // What a killed non-transactional loader would leave: an SAE stuck in `building`.
    const halfId = 'demo-lm/blocks.1.hook_resid_post/topk-6';
    await db.orm.insert(schema.builds).values({ saeId: halfId, checksum: 'x' });
    await db.orm.insert(schema.saes).values({
      id: halfId,
      modelId: MODEL.id,
      hookName: 'blocks.1.hook_resid_post',
      architecture: 'topk',
      dIn: 8,
      width: 6,
    });
    const [feature] = await db.orm
      .insert(schema.features)
      .values({ saeId: halfId, index: 0, density: 0, maxActivation: 0, meanActivation: 0 })
      .returning({ id: schema.features.id });
    await db.orm.insert(schema.activations).values({ featureId: feature!.id, contextId: 1, position: 0, value: 1 });
    expect(await listSaes(db)).toHaveLength(1);
    expect(await listFeatures(db, { saeId: halfId, afterIndex: null, limit: 10 })).toEqual([]);

    expect(await deleteIncompleteBuilds(db)).toBe(1);
    expect(await tableCounts(db)).toMatchObject({ saes: 1, features: 6, activations: 5 });
    expect(await getSaeBuild(db, halfId)).toEqual({ checksum: 'x', status: 'failed' });
    expect(await deleteIncompleteBuilds(db)).toBe(0);
  });
});

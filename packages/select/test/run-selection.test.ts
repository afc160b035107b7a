import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSelectionsByIds, listPoolSamples, listSelectionItems, listSelections, type AtlasDb } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { importPool, runSelection, SELECTION_METHOD_NAMES, type RunSelectionOptions, type SelectionResources } from '../src/index.ts';
import { databases } from './support/databases.ts';
import { MODEL_ID, registerSae, trainSmallSae } from './support/sae-atlas.ts';
import { CONGRESS, SEA } from './support/texts.ts';
import { trigramEmbedder } from './support/trigram-embedder.ts';

const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `${MODEL_ID}/${HOOK}/topk-128`;
const SEA_TARGETS = [
  'The harpoon struck the whale and the boat was dragged across the waves.',
  'All hands on deck! The whale is breaching off the starboard bow.',
  'The old sailor told of the ship lost at sea with all her crew.',
];

let model: LanguageModel;
let sae: SaeWeights;
let resources: SelectionResources;

beforeAll(async () => {
  model = await loadLanguageModel(demoModelDir);
  sae = await trainSmallSae(model, HOOK, [...SEA, ...CONGRESS], { width: 128, k: 8, steps: 150 });
  resources = { model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, embedder: trigramEmbedder() };
});
afterAll(() => model.dispose());

describe.each(databases)('runSelection (%s)', (_name, open) => {
  let db: AtlasDb;
  let seaIds: Set<number>;
  beforeAll(async () => {
    db = await open();
    await registerSae(db, model, SAE_ID, HOOK, sae);
    const lines = [...SEA, ...CONGRESS].map((text, i) => JSON.stringify({ text, kind: i < SEA.length ? 'sea' : 'congress' }));
    await importPool(db, { id: 'pool', content: lines.join('\n'), format: 'jsonl' });
    await importPool(db, { id: 'targets', content: SEA_TARGETS.map((text) => JSON.stringify({ text })).join('\n'), format: 'jsonl' });
    const samples = await listPoolSamples(db, { poolId: 'pool', afterPosition: null, limit: 100 });
    seaIds = new Set(samples.filter((s) => s.metadata?.kind === 'sea').map((s) => s.id));
  });
  afterAll(() => db.close());

  const run = (options: Partial<RunSelectionOptions>) =>
    runSelection(db, { poolId: 'pool', method: 'mona', targets: { texts: SEA_TARGETS }, count: 4, resources, ...options });

  it('mona picks the samples of the targets’ kind, with the features that drove each score', async () => {
    const stages = new Set<string>();
    const result = await run({ onProgress: (p) => stages.add(p.stage) });
    expect(result.items.map((item) => item.rank)).toEqual([1, 2, 3, 4]);
    expect(result.items.filter((item) => seaIds.has(item.sampleId)).length).toBeGreaterThanOrEqual(3);
    expect([...stages]).toEqual(['represent', 'targets', 'score', 'store']);
    const scores = result.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const item of result.items) {
      expect(item.features!.indices.length).toBeGreaterThan(0);
      const parts = item.features!.contributions.reduce((sum, c) => sum + c, 0);
      expect(parts).toBeLessThanOrEqual(item.score + 1e-6);
      expect(parts).toBeGreaterThan(0);
      const contributions = item.features!.contributions;
      expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    }
    const [stored] = await getSelectionsByIds(db, [result.selectionId]);
    expect(stored).toMatchObject({ status: 'complete', method: 'mona', saeId: SAE_ID, poolSize: 16, selectedCount: 4, count: 4, targets: SEA_TARGETS });
    expect(stored!.params).toEqual({ similarity: 'jaccard', aggregation: 'prototype', seed: 0 });
    const page = await listSelectionItems(db, { selectionId: result.selectionId, afterRank: 2, limit: 10 });
    expect(page.map((item) => item.rank)).toEqual([3, 4]);
    expect(page[0]).toMatchObject({ score: expect.closeTo(result.items[2]!.score, 5), featureIndices: result.items[2]!.features!.indices });
    expect(page[0]!.sample.text).toEqual(expect.any(String));
  });

  it('runs every method in the same pool, and the options (cosine, per-target maximum, a target pool, a ratio)', async () => {
    for (const method of SELECTION_METHOD_NAMES) {
      const result = await run({ method, seed: 1 });
      expect(result.items).toHaveLength(4);
      expect(result.items.every((item) => (method === 'mona') === (item.features !== undefined))).toBe(true);
      // Only the embedding method names an embedder (`name@version#checksum`), in the result and the stored params.
      expect(result.embedder).toBe(method === 'embedding' ? 'trigram-hash@1#dims-64' : undefined);
      const [stored] = await getSelectionsByIds(db, [result.selectionId]);
      expect(stored!.params.embedder).toBe(result.embedder);
    }
    const random = await run({ method: 'random', seed: 1 });
    expect((await run({ method: 'random', seed: 1 })).items).toEqual(random.items);
    expect((await run({ method: 'random', seed: 2 })).items).not.toEqual(random.items);
    for (const options of [{ similarity: 'cosine' }, { aggregation: 'max' }, { targets: { poolId: 'targets' } }] as const) {
      const result = await run(options);
      expect(result.items.filter((item) => seaIds.has(item.sampleId)).length).toBeGreaterThanOrEqual(3);
    }
    expect((await run({ count: undefined, ratio: 0.5 })).items).toHaveLength(8);
    expect((await run({ count: undefined })).items).toHaveLength(1);
  });

  it('refuses bad input before writing anything', async () => {
    const before = (await listSelections(db, 'pool')).length;
    const cases: [Partial<RunSelectionOptions>, string, RegExp][] = [
      [{ targets: { texts: [] } }, 'BAD_USER_INPUT', /target set is empty/],
      [{ targets: { texts: ['  '] } }, 'BAD_USER_INPUT', /target set is empty/],
      [{ targets: { poolId: 'missing' } }, 'NOT_FOUND', /No target pool "missing"/],
      [{ poolId: 'missing' }, 'NOT_FOUND', /No pool "missing"/],
      [{ resources: { ...resources, sae: { id: 'demo-lm/blocks.1.hook_resid_post/none', weights: sae } } }, 'NOT_FOUND', /No SAE/],
      [{ count: undefined, ratio: 0 }, 'BAD_USER_INPUT', /ratio must be in \(0, 1\]/],
      [{ count: undefined, ratio: 1.01 }, 'BAD_USER_INPUT', /ratio must be in \(0, 1\]/],
      [{ count: 17 }, 'BAD_USER_INPUT', /count 17 is larger than the pool \(16 samples\)/],
      [{ ratio: 0.1 }, 'BAD_USER_INPUT', /not both/],
      [{ method: 'magic' as never }, 'BAD_USER_INPUT', /Unknown selection method "magic"/],
      [{ method: 'embedding', similarity: 'jaccard' }, 'BAD_USER_INPUT', /use similarity "cosine"/],
      [{ method: 'embedding', resources: { ...resources, embedder: undefined } }, 'MODEL_UNAVAILABLE', /needs an embedder/],
      [{ resources: { embedder: resources.embedder } }, 'MODEL_UNAVAILABLE', /needs the SAE's language model/],
    ];
    for (const [options, code, message] of cases) {
      await expect(run(options)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect((await listSelections(db, 'pool')).length).toBe(before);
  });

  it('marks the selection failed when a method fails midway', async () => {
    const failing = { id: { name: 'down', checksum: 'x' }, embed: async () => { throw new Error('embedding server down'); } };
    await expect(run({ method: 'embedding', resources: { embedder: failing } })).rejects.toThrow(/embedding server down/);
    const [latest] = await listSelections(db, 'pool');
    expect(latest).toMatchObject({ status: 'failed', method: 'embedding', error: 'embedding server down' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPoolRepresentation, listPoolSamples, readSampleVectors, type AtlasDb } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import { createEncoder, type SaeWeights } from '@atlas/sae';
import { buildPoolRepresentations, decodeVector, importPool, saeRepresentationKey, type RepresentationProgress } from '../src/index.ts';
import { databases } from './support/databases.ts';
import { MODEL_ID, registerSae, trainSmallSae } from './support/sae-atlas.ts';
import { CONGRESS, SEA } from './support/texts.ts';

const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `${MODEL_ID}/${HOOK}/topk-128`;
/** Longer than the model's 128-token context: processed in windows. */
const LONG = Array.from({ length: 12 }, (_, i) => SEA[i % SEA.length]).join(' ');

let model: LanguageModel;
let sae: SaeWeights;

beforeAll(async () => {
  model = await loadLanguageModel(demoModelDir);
  sae = await trainSmallSae(model, HOOK, [...SEA, ...CONGRESS], { width: 128, k: 8, steps: 150 });
});
afterAll(() => model.dispose());

/** The MONA vector computed directly: the model on the whole text in context-sized windows, SAE codes, mean over tokens. */
async function directMean(text: string): Promise<Float32Array> {
  const ids = model.encode(text);
  const encoder = await createEncoder(sae);
  const sum = new Float64Array(sae.cfg.width);
  for (let start = 0; start < ids.length; start += model.contextLength) {
    const window = ids.slice(start, start + model.contextLength);
    const { activations } = await model.run({ inputIds: [window], hooks: [HOOK] });
    const { indices, values } = await encoder.encode(activations[HOOK]!, window.length);
    for (let s = 0; s < indices.length; s++) sum[indices[s]!]! += Math.max(values[s]!, 0);
  }
  await encoder.close();
  return Float32Array.from(sum, (v) => v / ids.length);
}

describe.each(databases)('pool representations (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
    await registerSae(db, model, SAE_ID, HOOK, sae);
    const lines = [...SEA, ...CONGRESS, LONG].map((text, i) => JSON.stringify({ id: `s${i}`, text }));
    await importPool(db, { id: 'mixed', content: lines.join('\n'), format: 'jsonl' });
  });
  afterAll(() => db.close());

  it('stores each sample’s SAE codes mean-pooled over all its tokens, windows included', async () => {
    const progress: RepresentationProgress[] = [];
    const result = await buildPoolRepresentations(db, {
      poolId: 'mixed', model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, hidden: true, maxFeatures: 0, samplesPerStep: 5,
      onProgress: (p) => progress.push(p),
    });
    expect(result.samples).toBe(17);
    expect(result.windowedSamples).toBe(1);
    expect(result.tokensPerSecond).toBeGreaterThan(0);
    expect(result.representations.map((r) => [r.kind, r.status, r.samplesDone, r.windowedSamples])).toEqual([
      ['sae', 'complete', 17, 1],
      ['hidden', 'complete', 17, 1],
    ]);
    expect(progress.map((p) => p.samplesDone)).toEqual([5, 10, 15, 17]);

    const samples = await listPoolSamples(db, { poolId: 'mixed', afterPosition: null, limit: 100 });
    const vectors = await readSampleVectors(db, { representationId: result.representations[0]!.id, afterSampleId: null, limit: 100 });
    for (const position of [0, 9, 16]) {
      const sample = samples[position]!;
      const row = vectors.find((v) => v.sampleId === sample.id)!;
      expect(row.tokenCount).toBe(model.encode(sample.text).length);
      expect(row.windowCount).toBe(position === 16 ? Math.ceil(row.tokenCount / model.contextLength) : 1);
      const stored = decodeVector(row.vector);
      const expected = await directMean(sample.text);
      const dense = new Float32Array(sae.cfg.width);
      stored.indices.forEach((index, j) => (dense[index] = stored.values[j]!));
      // Batched and padded (attention mask) vs one window at a time: equal to fp16 storage precision.
      dense.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(2e-3 * Math.max(1, expected[i]!)));
      expect(stored.total).toBeCloseTo(expected.reduce((s, v) => s + v, 0), 2);
    }
    expect(row16Windows(vectors, samples)).toBeGreaterThan(1);
  });

  it('does nothing when run again; resumes after a cancelled run with the same vectors', async () => {
    const again = await buildPoolRepresentations(db, { poolId: 'mixed', model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, hidden: true, maxFeatures: 0 });
    expect(again.samples).toBe(0);

    const id = 'resumed';
    const lines = [...SEA, ...CONGRESS].map((text) => JSON.stringify({ text }));
    await importPool(db, { id, content: lines.join('\n'), format: 'jsonl' });
    const controller = new AbortController();
    const options = { poolId: id, model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, maxFeatures: 0, samplesPerStep: 4 };
    await expect(buildPoolRepresentations(db, { ...options, signal: controller.signal, onProgress: (p) => p.samplesDone >= 8 && controller.abort() }))
      .rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await getPoolRepresentation(db, id, saeRepresentationKey(SAE_ID))).toMatchObject({ status: 'building', samplesDone: 8 });
    const resumed = await buildPoolRepresentations(db, options);
    expect(resumed).toMatchObject({ resumedFrom: 8, samples: 8 });
    expect(resumed.representations[0]).toMatchObject({ status: 'complete', samplesDone: 16 });

    // The same texts in the first pool were built in one go, batched differently: the same
    // vectors up to float rounding (padding changes the matmul shapes).
    const first = await readSampleVectors(db, { representationId: (await getPoolRepresentation(db, 'mixed', saeRepresentationKey(SAE_ID)))!.id, afterSampleId: null, limit: 16 });
    const second = await readSampleVectors(db, { representationId: resumed.representations[0]!.id, afterSampleId: null, limit: 16 });
    second.forEach((row, i) => {
      const [a, b] = [decodeVector(row.vector), decodeVector(first[i]!.vector)];
      expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
      a.values.forEach((v, j) => expect(v).toBeCloseTo(b.values[j]!, 2));
    });
  });

  it('starts over when the settings change (another feature cap), keeping the top features', async () => {
    const capped = await buildPoolRepresentations(db, { poolId: 'mixed', model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, maxFeatures: 4 });
    expect(capped.samples).toBe(17);
    const [row] = await readSampleVectors(db, { representationId: capped.representations[0]!.id, afterSampleId: null, limit: 1 });
    const vector = decodeVector(row!.vector);
    expect(vector.indices.length).toBe(4);
    expect(vector.nnz).toBeGreaterThan(4);
  });

  it('refuses an unknown pool or SAE, and an SAE of another hook', async () => {
    await expect(buildPoolRepresentations(db, { poolId: 'nope', model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae } }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No pool "nope"/) });
    await expect(buildPoolRepresentations(db, { poolId: 'mixed', model, modelId: MODEL_ID, sae: { id: 'demo-lm/x/topk-1', weights: sae } }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No SAE "demo-lm\/x\/topk-1"/) });
    await expect(buildPoolRepresentations(db, { poolId: 'mixed', model, modelId: MODEL_ID, sae: { id: SAE_ID, weights: sae }, hook: 'blocks.0.hook_resid_post' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/reads hook blocks\.1\.hook_resid_post/) });
  });
});

function row16Windows(vectors: { sampleId: number; windowCount: number }[], samples: { id: number; position: number }[]): number {
  const id = samples.find((s) => s.position === 16)!.id;
  return vectors.find((v) => v.sampleId === id)!.windowCount;
}

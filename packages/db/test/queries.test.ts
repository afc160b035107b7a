import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countFeatures,
  getDecoderNeighbours,
  getDecoderVectors,
  getFeaturesByIds,
  getFeaturesByIndex,
  getHistograms,
  getModelsByIds,
  getSaesByIds,
  getTopActivations,
  ingestSaeAtlas,
  listFeatures,
  listModels,
  listSaes,
  upsertModel,
  type AtlasDb,
  type FeatureRow,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

describe.each(drivers)('read queries after an ingest (%s)', (_name, open) => {
  let db: AtlasDb;
  let features: FeatureRow[];
  const featureId = (index: number) => features.find((f) => f.index === index)?.id as number;

  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    const result = await ingestSaeAtlas(db, atlasInput());
    expect(result).toEqual({
      skipped: false,
      rows: { contexts: 3, contextsReused: 0, features: 6, decoders: 6, examples: 4, activations: 5, histogramBins: 4 },
    });
    features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
  });
  afterAll(() => db.close());

  it('lists models and reads them by id in request order', async () => {
    const [model] = await listModels(db);
    expect(model).toMatchObject(MODEL);
    expect(model?.createdAt).toBeInstanceOf(Date);
    expect((await getModelsByIds(db, ['nope', 'demo-lm'])).map((m) => m.id)).toEqual(['demo-lm']);
    await upsertModel(db, { ...MODEL, displayName: 'Demo LM v2' });
    expect((await getModelsByIds(db, ['demo-lm']))[0]?.displayName).toBe('Demo LM v2');
  });

  it('returns SAE rows with metrics and corpus name', async () => {
    const saes = await listSaes(db);
    expect(saes).toHaveLength(1);
    const { createdAt, ...sae } = saes[0]!;
    expect(createdAt).toBeInstanceOf(Date);
    expect(sae).toEqual(atlasInput().sae);
    expect(await listSaes(db, { modelId: 'other' })).toEqual([]);
    expect((await getSaesByIds(db, [SAE_ID, 'missing'])).map((s) => s.id)).toEqual([SAE_ID]);
  });

  it('pages features by index and counts them', async () => {
    expect(features.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(features[2]).toMatchObject({ saeId: SAE_ID, index: 2, maxActivation: 4 });
    expect(features[2]?.density).toBeCloseTo(0.3, 6);
    expect(typeof features[0]?.id).toBe('number');
    const page = await listFeatures(db, { saeId: SAE_ID, afterIndex: 1, limit: 2 });
    expect(page.map((f) => f.index)).toEqual([2, 3]);
    expect(await countFeatures(db, [SAE_ID, 'missing'])).toEqual(new Map([[SAE_ID, 6], ['missing', 0]]));
  });

  it('reads features by (sae, index) and by id, in request order', async () => {
    const byIndex = await getFeaturesByIndex(db, [
      { saeId: SAE_ID, index: 4 },
      { saeId: 'missing', index: 0 },
      { saeId: SAE_ID, index: 1 },
    ]);
    expect(byIndex.map((f) => f.index)).toEqual([4, 1]);
    const byId = await getFeaturesByIds(db, [featureId(5), featureId(0), 999_999]);
    expect(byId.map((f) => f.index)).toEqual([5, 0]);
  });

  it('rebuilds dense per-token values for top examples, strongest first, in one call', async () => {
    const top = await getTopActivations(db, [featureId(0), featureId(3), featureId(5)], 20);
    expect([...top.keys()].sort()).toEqual([featureId(0), featureId(3)].sort());
    const examples = top.get(featureId(0))!;
    expect(examples.map((e) => e.rank)).toEqual([0, 1]);
    expect(examples[0]).toEqual({
      featureId: featureId(0),
      rank: 0,
      maxValue: 4.5,
      maxPosition: 2,
      tokens: ['A', ' "quoted"', ' back\\slash', ' {brace}', ' NULL'],
      values: [0, 0, 4.5, 0, 0.75],
      corpusName: 'Demo corpus',
    });
    expect(examples[1]?.values).toEqual([0, 2.25, 0, 0, 0]);
    expect(top.get(featureId(3))?.[0]?.values).toEqual([0, 0, 0, 0, 1]);
    const limited = await getTopActivations(db, [featureId(0)], 1);
    expect(limited.get(featureId(0))).toHaveLength(1);
  });

  it('returns histograms as edges and counts', async () => {
    const histograms = await getHistograms(db, [featureId(0), featureId(1)]);
    expect(histograms.get(featureId(0))).toEqual({
      featureId: featureId(0),
      edges: [0.5, 1, 2, 4.5],
      counts: [2, 0, 2],
      total: 4,
    });
    expect(histograms.has(featureId(1))).toBe(false);
  });

  it('returns decoder vectors at halfvec precision', async () => {
    const vectors = await getDecoderVectors(db, [featureId(1), featureId(2)]);
    expect(vectors.get(featureId(2))).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    const v1 = vectors.get(featureId(1))!;
    expect(v1).toHaveLength(8);
    expect(v1[0]).toBeCloseTo(0.9, 3);
    expect(v1[1]).toBeCloseTo(0.1, 3);
  });

  it('finds decoder neighbours by exact scan when the SAE has no HNSW index', async () => {
    const [nearest] = await getDecoderNeighbours(db, featureId(0), 1);
    expect(nearest).toMatchObject({ featureId: featureId(1), index: 1 });
  });
});

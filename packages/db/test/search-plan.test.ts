import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeSearchDocuments, createSearchVectorIndex, explainVectorSearch, ingestSaeAtlas, listFeatures, searchVectorIndexName, upsertModel,
  upsertSearchDocuments, upsertSearchEmbedder, vectorSearchCandidates, type AtlasDb,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';

const EMBEDDER = { id: 'plan-test@1#000000000000', name: 'plan-test', version: '1', checksum: '0', dimensions: 8 };
const COUNT = 5000;

describe.each(drivers)('the vector search plan (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
    await upsertModel(db, MODEL);
    const input = atlasInput({ examples: [], activations: [], histograms: [] });
    input.sae = { ...input.sae, width: COUNT };
    input.features = Array.from({ length: COUNT }, (_, index) => ({ index, density: 0.01, maxActivation: 1, meanActivation: 1, decoder: new Float32Array(8) }));
    await ingestSaeAtlas(db, input);
    const features = await listFeatures(db, { saeId: SAE_ID, afterIndex: null, limit: COUNT });
    await upsertSearchEmbedder(db, EMBEDDER);
    await upsertSearchDocuments(db, features.map((feature) => ({
      featureId: feature.id, saeId: SAE_ID, density: 0.01, labelText: `feature ${feature.index}`, labelSources: ['machine'], peakText: '',
      contextText: '', parts: [], embedding: Array.from({ length: 8 }, (_, d) => Math.sin(feature.index * (d + 1))), embedderId: EMBEDDER.id,
      formatVersion: 1,
    })));
    await createSearchVectorIndex(db, EMBEDDER.id, 8);
  });
  afterAll(() => db.close());

  it('walks the HNSW index once the table is analyzed, and finds what an exact scan finds', async () => {
    await analyzeSearchDocuments(db);
    const args = { embedderId: EMBEDDER.id, vector: Array.from({ length: 8 }, (_, d) => Math.sin(7 * (d + 1))), scope: { saeIds: [SAE_ID] }, limit: 10, efSearch: 100 };
    expect(await explainVectorSearch(db, args)).toContain(`Index Scan using ${searchVectorIndexName(EMBEDDER.id)}`);
    expect(await explainVectorSearch(db, { ...args, exact: true })).not.toContain('Index Scan using feature_search_hnsw');
    const approximate = await vectorSearchCandidates(db, args);
    const exact = await vectorSearchCandidates(db, { ...args, exact: true });
    expect(approximate[0]).toEqual(exact[0]);
    expect(approximate.filter((hit) => exact.some((e) => e.featureId === hit.featureId)).length).toBeGreaterThanOrEqual(9);
  });
});

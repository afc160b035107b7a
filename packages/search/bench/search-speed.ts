/**
 * The search benchmark's measurements (`npm run bench:search` prints them): an atlas of N
 * labelled features with real-text evidence, search latency per mode, HNSW recall against an
 * exact scan, the indexing rate of a build, and featuresForText beside the plain forward pass.
 */
import {
  analyzeSearchDocuments, createSearchVectorIndex, dropSearchVectorIndex, ingestSaeAtlas, listFeatures, upsertModel, upsertSearchDocuments, upsertSearchEmbedder,
  vectorSearchCandidates, type AtlasDb, type HnswSettings, type SearchDocumentInput,
} from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import { mulberry32 } from '@atlas/random';
import { createEncoder, type SaeWeights } from '@atlas/sae';
import {
  featureDocumentText, featuresForText, indexSaeFeatures, SEARCH_DOCUMENT_VERSION, searchFeatures, type SearchEngine, type SearchMode,
} from '../src/index.ts';
import { ingestInput, syntheticFeatures, type EvidencePool } from './synthetic-atlas.ts';

const MODEL_ID = 'bench-lm';

export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const elapsed = (started: number) => (performance.now() - started) / 1000;

export interface SearchAtlasTimings {
  features: number;
  saes: number;
  /** Features (rows) written per second by the ingest. */
  ingestSeconds: number;
  embedDocumentsPerSecond: number;
  writeDocumentsPerSecond: number;
  hnswSeconds: number;
}

/**
 * `features` labelled features split over `saes` SAEs, their search documents (built by the
 * indexer's own featureDocumentText from real corpus evidence, embedded by the engine) written
 * directly, then the HNSW index built once.
 */
export async function prepareSearchAtlas(
  db: AtlasDb, engine: SearchEngine, pool: EvidencePool, options: { features: number; saes: number; hnsw: { m: number; efConstruction: number }; log: (line: string) => void },
): Promise<SearchAtlasTimings> {
  await upsertModel(db, { id: MODEL_ID, displayName: 'Bench LM', architecture: 'gpt2', layerCount: 4, dModel: 4, vocabSize: 100, contextLength: 64 });
  await upsertSearchEmbedder(db, { id: engine.embedderId, ...engine.embedder.id });
  const perSae = Math.ceil(options.features / options.saes);
  const timings: SearchAtlasTimings = { features: 0, saes: options.saes, ingestSeconds: 0, embedDocumentsPerSecond: 0, writeDocumentsPerSecond: 0, hnswSeconds: 0 };
  let embedSeconds = 0;
  let writeSeconds = 0;
  for (let s = 0; s < options.saes; s++) {
    const saeId = `${MODEL_ID}/blocks.2.hook_resid_post/bench-${s}`;
    const features = syntheticFeatures(pool, Math.min(perSae, options.features - timings.features), 1000 + s);
    let started = performance.now();
    const input = ingestInput(saeId, MODEL_ID, features);
    await ingestSaeAtlas(db, { ...input, contexts: [], examples: [], activations: [] });
    timings.ingestSeconds += elapsed(started);
    const ids = await featureIds(db, saeId);
    for (let start = 0; start < features.length; start += 1000) {
      const batch = features.slice(start, start + 1000);
      const texts = batch.map((feature) => featureDocumentText({ labels: [{ source: 'machine', method: 'top-tokens v1', text: feature.label }], contexts: feature.contexts })!);
      started = performance.now();
      const vectors = await engine.embedder.embed(texts.map((text) => text.embedText));
      embedSeconds += elapsed(started);
      started = performance.now();
      await upsertSearchDocuments(db, batch.map((feature, i): SearchDocumentInput => {
        const { embedText: _embedText, ...text } = texts[i]!;
        return {
          featureId: ids[feature.index]!, saeId, density: feature.density, embedderId: engine.embedderId, formatVersion: SEARCH_DOCUMENT_VERSION,
          embedding: vectors[i]!, ...text,
        };
      }));
      writeSeconds += elapsed(started);
    }
    timings.features += features.length;
    options.log(`  SAE ${s + 1}/${options.saes}: ${timings.features} documents`);
  }
  timings.embedDocumentsPerSecond = timings.features / embedSeconds;
  timings.writeDocumentsPerSecond = timings.features / writeSeconds;
  const started = performance.now();
  await createSearchVectorIndex(db, engine.embedderId, engine.embedder.id.dimensions, options.hnsw);
  timings.hnswSeconds = elapsed(started);
  await analyzeSearchDocuments(db);
  return timings;
}

async function featureIds(db: AtlasDb, saeId: string): Promise<number[]> {
  const ids: number[] = [];
  for (let after: number | null = null; ; ) {
    const page = await listFeatures(db, { saeId, afterIndex: after, limit: 10_000 });
    if (page.length === 0) return ids;
    for (const feature of page) ids[feature.index] = feature.id;
    after = page.at(-1)!.index;
  }
}

/** Queries as users type them: one or two common words of the corpus, drawn with a seed. */
export function benchmarkQueries(pool: EvidencePool, count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const word = () => pool.words[Math.floor(pool.words.length * random() ** 1.5)]!.word;
  return Array.from({ length: count }, (_, i) => (i % 3 === 2 ? `${word()} ${word()}` : word()));
}

export type LatencyRow = { mode: SearchMode; p50: number; p99: number; meanResults: number };

/** Latency of searchFeatures (first page of 20, no filter) per mode over the queries, after a warm-up. */
export async function measureSearchLatency(db: AtlasDb, engine: SearchEngine, queries: readonly string[]): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const mode of ['HYBRID', 'FULL_TEXT', 'VECTOR'] as const) {
    for (const query of queries.slice(0, 5)) await searchFeatures(db, engine, { query, mode });
    const times: number[] = [];
    let results = 0;
    for (const query of queries) {
      const started = performance.now();
      const page = await searchFeatures(db, engine, { query, mode });
      times.push(performance.now() - started);
      results += page.results.length;
    }
    times.sort((a, b) => a - b);
    rows.push({ mode, p50: percentile(times, 0.5), p99: percentile(times, 0.99), meanResults: results / queries.length });
  }
  return rows;
}

export type RecallRow = {
  efSearch: number;
  /** Share of the exact top 10 (by feature id) that the index returned. */
  recallAt10: number;
  /**
   * Share of the index's answers at least as near as the exact 10th (distance ≤ its distance):
   * the usual ANN-benchmark recall, which counts a tie at the cut as a hit. The synthetic atlas
   * has many documents with identical text (so identical vectors), where the exact order is
   * broken by feature id and any of the tied features is an equally right answer.
   */
  distanceRecallAt10: number;
  /** Queries whose exact 10th distance is shared by an 11th document (a tie at the cut). */
  tiedQueries: number;
  p50: number;
  exactP50: number;
};

/** Drops and rebuilds the search vector index with other settings; its build time in seconds. */
export async function rebuildSearchVectorIndex(db: AtlasDb, engine: SearchEngine, hnsw: HnswSettings): Promise<number> {
  await dropSearchVectorIndex(db, engine.embedderId);
  const started = performance.now();
  await createSearchVectorIndex(db, engine.embedderId, engine.embedder.id.dimensions, hnsw);
  return elapsed(started);
}

/** Recall@10 of the HNSW index against an exact scan of the same documents, for each ef_search. */
export async function measureHnswRecall(db: AtlasDb, engine: SearchEngine, queries: readonly string[], efSearch: readonly number[], saeIds: string[]): Promise<RecallRow[]> {
  const vectors = await engine.embedder.embed(queries);
  const scope = { saeIds };
  const exact: { ids: Set<number>; cut: number }[] = [];
  const exactTimes: number[] = [];
  let tiedQueries = 0;
  for (const vector of vectors) {
    const started = performance.now();
    const hits = await vectorSearchCandidates(db, { embedderId: engine.embedderId, vector, scope, limit: 11, efSearch: 11, exact: true });
    exactTimes.push(performance.now() - started);
    const top = hits.slice(0, 10);
    // Scores are 1 − distance, so the cut is the lowest score kept.
    const cut = top.at(-1)?.score ?? Number.NEGATIVE_INFINITY;
    if (hits.length > 10 && hits[10]!.score >= cut - 1e-6) tiedQueries += 1;
    exact.push({ ids: new Set(top.map((hit) => hit.featureId)), cut });
  }
  exactTimes.sort((a, b) => a - b);
  const rows: RecallRow[] = [];
  for (const ef of efSearch) {
    let found = 0;
    let nearEnough = 0;
    let wanted = 0;
    const times: number[] = [];
    for (const [q, vector] of vectors.entries()) {
      const started = performance.now();
      const hits = await vectorSearchCandidates(db, { embedderId: engine.embedderId, vector, scope, limit: 10, efSearch: ef });
      times.push(performance.now() - started);
      const truth = exact[q]!;
      wanted += truth.ids.size;
      found += hits.filter((hit) => truth.ids.has(hit.featureId)).length;
      nearEnough += Math.min(truth.ids.size, hits.filter((hit) => hit.score >= truth.cut - 1e-6).length);
    }
    times.sort((a, b) => a - b);
    rows.push({
      efSearch: ef, recallAt10: found / Math.max(1, wanted), distanceRecallAt10: nearEnough / Math.max(1, wanted), tiedQueries,
      p50: percentile(times, 0.5), exactP50: percentile(exactTimes, 0.5),
    });
  }
  return rows;
}

export type IndexingRow = { features: number; labels: number; seconds: number; embedSeconds: number };

/** A build's indexing step on a demo-sized SAE with evidence: ingest, then indexSaeFeatures (read, embed, write, HNSW). */
export async function measureIndexing(db: AtlasDb, engine: SearchEngine, pool: EvidencePool, features: number): Promise<IndexingRow> {
  await upsertModel(db, { id: MODEL_ID, displayName: 'Bench LM', architecture: 'gpt2', layerCount: 4, dModel: 4, vocabSize: 100, contextLength: 64 });
  const saeId = `${MODEL_ID}/blocks.1.hook_resid_post/indexing`;
  const input = ingestInput(saeId, MODEL_ID, syntheticFeatures(pool, features, 7));
  await ingestSaeAtlas(db, { ...input, sae: { ...input.sae, hookName: 'blocks.1.hook_resid_post' } });
  await dropSearchVectorIndex(db, engine.embedderId);
  const result = await indexSaeFeatures(db, { saeId, embedder: engine.embedder });
  return { features: result.embedded, labels: result.labels, seconds: result.seconds, embedSeconds: result.embedSeconds };
}

/** A random TopK SAE of the model's width (the timing depends on shape, not on training). */
export function randomTopKSae(dIn: number, width: number, k: number, hookName: string): SaeWeights {
  const random = mulberry32(3);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  return {
    cfg: { architecture: 'topk', dIn, width, k, hookName, modelId: 'demo-lm', dtype: 'float32', normalizeActivations: 'none' },
    W_enc: fill(dIn * width, 1 / Math.sqrt(dIn)), b_enc: fill(width, 0.01), W_dec: fill(width * dIn, 1 / Math.sqrt(dIn)), b_dec: fill(dIn, 0.01),
  };
}

export type TextRow = { tokens: number; featuresForTextP50: number; forwardP50: number; hookForwardP50: number };

/** featuresForText on one text (a reused encoder, as a server keeps one) beside the plain forward of the same tokens. */
export async function measureFeaturesForText(model: LanguageModel, sae: SaeWeights, text: string, runs: number): Promise<TextRow> {
  const encoder = await createEncoder(sae, { batchSize: 512 });
  const ids = model.encode(text);
  const time = async (fn: () => Promise<unknown>) => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
    return percentile(times.sort((a, b) => a - b), 0.5);
  };
  const row = {
    tokens: ids.length,
    featuresForTextP50: await time(() => featuresForText(model, sae, text, { encoder })),
    forwardP50: await time(() => model.run({ inputIds: [ids], hooks: [], logits: true })),
    hookForwardP50: await time(() => model.run({ inputIds: [ids], hooks: [sae.cfg.hookName] })),
  };
  await encoder.close();
  return row;
}

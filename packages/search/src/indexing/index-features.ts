import {
  analyzeSearchDocuments, countFeatures, createSearchVectorIndex, deleteSearchDocuments, getFeatureSearchEvidence, getSearchDocumentStates, searchDocumentHash,
  upsertSearchDocuments, upsertSearchEmbedder, type AtlasDb, type HnswSettings, type SearchDocumentInput,
} from '@atlas/db';
import { embedderKey, isZeroVector, type Embedder } from '@atlas/embed';
import { featureDocumentText, SEARCH_DOCUMENT_VERSION } from './feature-document.ts';

export interface IndexFeaturesOptions {
  saeId: string;
  embedder: Embedder;
  /** Features read, embedded and written per batch (default 512). */
  batchSize?: number;
  /** HNSW build settings for the embedder's index (created once, after the first SAE's vectors). */
  hnsw?: HnswSettings;
  onProgress?: (done: number, total: number) => void;
}

export interface IndexFeaturesResult {
  /** Features read. */
  features: number;
  /** Documents embedded and written (new, changed, or made by another embedder). */
  embedded: number;
  /** Documents already up to date. */
  unchanged: number;
  /** Features with neither labels nor evidence (no document). */
  empty: number;
  /** Labels in the embedded documents. */
  labels: number;
  seconds: number;
  /** Seconds spent in the embedder. */
  embedSeconds: number;
}

/**
 * Builds or refreshes the search documents of one SAE's features: labels and evidence → text,
 * tsvector (generated) and an embedding with the embedder's id. Idempotent: a document whose
 * text, embedder and indexer version are unchanged is skipped, so a second run only reads; a new
 * embedder (other weights or method) or indexer version re-embeds everything. Each batch is
 * written in one statement, so an interrupted run resumes with the batches it had not written.
 * The table is analyzed at the end, so the planner walks the HNSW index rather than sorting
 * every vector.
 */
export async function indexSaeFeatures(db: AtlasDb, options: IndexFeaturesOptions): Promise<IndexFeaturesResult> {
  const started = performance.now();
  const { saeId, embedder } = options;
  const batchSize = options.batchSize ?? 512;
  const embedderId = embedderKey(embedder.id);
  await upsertSearchEmbedder(db, { id: embedderId, ...embedder.id });
  const result: IndexFeaturesResult = { features: 0, embedded: 0, unchanged: 0, empty: 0, labels: 0, seconds: 0, embedSeconds: 0 };
  const total = await featureCount(db, saeId);
  for (let afterIndex: number | null = null; ; ) {
    const page = await getFeatureSearchEvidence(db, { saeId, afterIndex, limit: batchSize });
    if (page.length === 0) break;
    afterIndex = page.at(-1)!.index;
    result.features += page.length;
    const states = await getSearchDocumentStates(db, page.map((feature) => feature.featureId));
    const stale: number[] = [];
    const todo: { document: Omit<SearchDocumentInput, 'embedding'>; embedText: string; labels: number }[] = [];
    for (const feature of page) {
      const text = featureDocumentText(feature);
      if (!text) {
        result.empty += 1;
        if (states.has(feature.featureId)) stale.push(feature.featureId);
        continue;
      }
      const { embedText, ...fields } = text;
      const document = { featureId: feature.featureId, saeId, density: feature.density, embedderId, formatVersion: SEARCH_DOCUMENT_VERSION, ...fields };
      const state = states.get(feature.featureId);
      const current = state?.embedderId === embedderId && state.formatVersion === SEARCH_DOCUMENT_VERSION;
      if (current && state.contentHash === searchDocumentHash(document)) result.unchanged += 1;
      else todo.push({ document, embedText, labels: feature.labels.length });
    }
    const embedStarted = performance.now();
    const vectors = await embedder.embed(todo.map((item) => item.embedText));
    result.embedSeconds += (performance.now() - embedStarted) / 1000;
    await db.transaction(async (tx) => {
      await deleteSearchDocuments(tx, stale);
      await upsertSearchDocuments(tx, todo.map((item, i) => ({ ...item.document, embedding: isZeroVector(vectors[i]!) ? null : vectors[i]! })));
    });
    result.embedded += todo.length;
    result.labels += todo.reduce((sum, item) => sum + item.labels, 0);
    options.onProgress?.(result.features, total);
  }
  await createSearchVectorIndex(db, embedderId, embedder.id.dimensions, options.hnsw);
  if (result.embedded > 0) await analyzeSearchDocuments(db);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function featureCount(db: AtlasDb, saeId: string): Promise<number> {
  return (await countFeatures(db, [saeId])).get(saeId) ?? 0;
}

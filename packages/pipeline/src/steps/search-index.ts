import { isSearchIndexFresh, type AtlasDb } from '@atlas/db';
import { embedderKey, loadConfiguredEmbedder, type Embedder } from '@atlas/embed';
import { indexSaeFeatures, SEARCH_DOCUMENT_VERSION } from '@atlas/search';
import type { ProgressFactory } from '../progress.ts';

/**
 * The search index of one SAE's features (labels + evidence → full text and an embedding),
 * after its atlas is written, and again whenever its labels or the embedder change: a fresh
 * index is confirmed with one query, a stale one refreshes only the documents that changed.
 * The embedder defaults to the configured one (`ATLAS_EMBEDDER_DIR`), else the committed word
 * vectors (offline, no download).
 */
export async function indexForSearch(
  db: AtlasDb, saeId: string, context: { progress: ProgressFactory; log: (line: string) => void; searchEmbedder?: Embedder },
): Promise<void> {
  // The machine's configured embedder (ATLAS_EMBEDDER_DIR's ONNX folder, else the word vectors): what search queries with.
  const embedder = context.searchEmbedder ?? (await loadConfiguredEmbedder());
  if (await isSearchIndexFresh(db, saeId, embedderKey(embedder.id), SEARCH_DOCUMENT_VERSION)) return;
  let bar: ReturnType<ProgressFactory> | undefined;
  try {
    const result = await indexSaeFeatures(db, {
      saeId, embedder,
      onProgress: (done, total) => (bar ??= context.progress('search index', total, 'features')).update(done),
    });
    const perSecond = (count: number, seconds: number) => (seconds > 0 ? Math.round(count / seconds) : 0);
    context.log(
      `Search index of ${saeId}: ${result.embedded} documents embedded with ${result.labels} labels ` +
        `(${perSecond(result.labels, result.embedSeconds)} labels/s in the embedder, ${perSecond(result.labels, result.seconds)} labels/s ` +
        `with reads and writes), ${result.unchanged} unchanged, ${result.empty} without evidence, in ${result.seconds.toFixed(1)} s.`,
    );
  } finally {
    bar?.stop();
  }
}

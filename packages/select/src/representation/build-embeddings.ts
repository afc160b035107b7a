import {
  completePoolRepresentation,
  ensurePoolRepresentation,
  getPoolsByIds,
  listPoolSamples,
  samplesWithoutVector,
  storeSampleVectors,
  type AtlasDb,
  type RepresentationRow,
} from '@atlas/db';
import { SelectError } from '../errors.ts';
import type { RepresentationProgress } from './build-representations.ts';
import { embedAll, type SelectionEmbedder } from './embedder.ts';
import { embeddingSpec } from './representation-spec.ts';
import { sampleText } from './sample-text.ts';
import { denseVector } from './sparse-vector.ts';
import { encodeVector } from './vector-codec.ts';

/**
 * Embeds every sample of a pool with a sentence embedder and stores the vectors (dense, fp16),
 * resumably like `buildPoolRepresentations`: the embedding baseline's representation.
 */
export async function buildEmbeddingRepresentation(
  db: AtlasDb,
  options: { poolId: string; embedder: SelectionEmbedder; samplesPerStep?: number; onProgress?: (progress: RepresentationProgress) => void; signal?: AbortSignal },
): Promise<RepresentationRow> {
  const started = performance.now();
  const [pool] = await getPoolsByIds(db, [options.poolId]);
  if (!pool) throw new SelectError(`No pool "${options.poolId}"; import one first (or check the id).`, { code: 'NOT_FOUND' });
  // The dimension comes from the embedder itself: one probe text.
  const [first] = await listPoolSamples(db, { poolId: pool.id, afterPosition: null, limit: 1 });
  const [probe] = await embedAll(options.embedder, [sampleText(first!)]);
  let row = await ensurePoolRepresentation(db, embeddingSpec(pool.id, options.embedder.id, probe!.length));
  let embedded = 0;
  while (row.status !== 'complete') {
    const samples = await samplesWithoutVector(db, { representationId: row.id, poolId: pool.id, limit: options.samplesPerStep ?? 256 });
    if (samples.length === 0) {
      row = await completePoolRepresentation(db, row.id);
      break;
    }
    const texts = samples.map(sampleText);
    const vectors = await embedAll(options.embedder, texts, 64, options.signal);
    row = await storeSampleVectors(db, row.id, samples.map((sample, i) => ({
      sampleId: sample.id, tokenCount: 0, windowCount: 1, vector: encodeVector(denseVector(vectors[i]!)),
    })));
    embedded += samples.length;
    const seconds = (performance.now() - started) / 1000;
    // The embedder tokenizes on its own; only samples are counted here.
    options.onProgress?.({ samplesDone: row.samplesDone, sampleCount: pool.sampleCount, tokens: 0, tokensPerSecond: 0, samplesPerSecond: embedded / seconds });
  }
  return row;
}

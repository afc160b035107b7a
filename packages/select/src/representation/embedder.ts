import { SelectError } from '../errors.ts';
import type { EmbedderIdentity } from './representation-spec.ts';

/**
 * What the embedding baseline needs of a sentence embedder: the shape of `@atlas/embed`'s
 * `Embedder` (its `id` names the stored vectors, so a changed embedder re-embeds).
 */
export interface SelectionEmbedder {
  id: EmbedderIdentity;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Embeds texts in batches, checking that every vector has one length and finite values. */
export async function embedAll(embedder: SelectionEmbedder, texts: readonly string[], batchSize = 64, signal?: AbortSignal): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    if (signal?.aborted) throw new SelectError('Embedding was cancelled.', { code: 'CANCELLED' });
    const batch = texts.slice(start, start + batchSize);
    const embedded = await embedder.embed(batch);
    if (embedded.length !== batch.length) {
      throw new SelectError(`Embedder ${embedder.id.name} returned ${embedded.length} vectors for ${batch.length} texts.`, { code: 'UPSTREAM_FAILED' });
    }
    for (const vector of embedded) {
      if (vector.length !== (vectors[0] ?? embedded[0]!).length || vector.some((v) => !Number.isFinite(v))) {
        throw new SelectError(`Embedder ${embedder.id.name} returned vectors of different lengths or non-finite values.`, { code: 'UPSTREAM_FAILED' });
      }
      vectors.push(vector);
    }
  }
  return vectors;
}

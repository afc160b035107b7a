import { getPoolsByIds, getSaesByIds, type AtlasDb } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { selectionMethod } from '../methods/registry.ts';
import { resolveTargets } from '../run-selection.ts';
import { checkRatio, selectionSize } from '../scoring/top-selection.ts';
import type { RunSelectionPayload } from './run-selection-job.ts';
import { loadSelectionEmbedder } from './selection-resources.ts';

/**
 * What can be checked before a selection job is queued, so a caller hears of bad input at once
 * rather than from a failed job: the method, the pool and target pool, the targets, the ratio or
 * count against the pool's size, the SAE the SAE methods need (NOT_FOUND or BAD_USER_INPUT), and
 * that the embedding method's embedder loads (MODEL_UNAVAILABLE for a configured folder that does not).
 * Returns how many samples the selection will keep.
 */
export async function checkSelectionRequest(db: AtlasDb, request: Omit<RunSelectionPayload, 'method'> & { method: string }): Promise<{ size: number; poolSize: number }> {
  selectionMethod(request.method);
  if (request.method === 'embedding' && request.similarity === 'jaccard') {
    throw new SelectError('Embeddings have negative values, where generalized Jaccard is undefined; use similarity "cosine" with the embedding method.');
  }
  if (request.ratio != null) checkRatio(request.ratio);
  await resolveTargets(db, request.targets, request.poolId);
  const [pool] = await getPoolsByIds(db, [request.poolId]);
  if (!pool) throw new SelectError(`No pool "${request.poolId}"; import one first (or check the id).`, { code: 'NOT_FOUND' });
  const size = selectionSize(pool.sampleCount, request);
  if (request.method === 'mona' || request.method === 'hidden') {
    if (request.saeId === undefined) throw new SelectError(`The ${request.method} method reads an SAE's hook; give saeId.`);
    const [sae] = await getSaesByIds(db, [request.saeId]);
    if (!sae) throw new SelectError(`No SAE "${request.saeId}" in the atlas; list SAEs with the saes query, or build it first.`, { code: 'NOT_FOUND' });
  }
  // A configured ONNX folder that does not load is MODEL_UNAVAILABLE now, not a failed job (loaded once per process: the job reuses it).
  if (request.method === 'embedding') await loadSelectionEmbedder();
  return { size, poolSize: pool.sampleCount };
}

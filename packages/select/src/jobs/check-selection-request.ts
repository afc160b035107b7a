import { getPoolsByIds, getSaesByIds, type AtlasDb } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { selectionMethod } from '../methods/registry.ts';
import { resolveTargets } from '../run-selection.ts';
import { checkRatio, selectionSize } from '../scoring/top-selection.ts';
import type { RunSelectionPayload } from './run-selection-job.ts';

/**
 * What can be checked before a selection job is queued, so a caller hears of bad input at once
 * rather than from a failed job: the method, the pool and target pool, the targets, the ratio or
 * count against the pool's size, and the SAE the SAE methods need (NOT_FOUND or BAD_USER_INPUT).
 * Returns how many samples the selection will keep.
 */
export async function checkSelectionRequest(db: AtlasDb, request: Omit<RunSelectionPayload, 'method'> & { method: string }): Promise<{ size: number; poolSize: number }> {
  selectionMethod(request.method);
  if (request.method === 'embedding') {
    // The sentence embedder (@atlas/embed) is not loaded by jobs or the CLI yet: say so now rather than fail the job.
    throw new SelectError('The embedding method needs a sentence embedder, which jobs and the CLI do not load yet; call runSelection with resources.embedder, or choose mona, bm25, hidden or random.', { code: 'MODEL_UNAVAILABLE' });
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
  return { size, poolSize: pool.sampleCount };
}

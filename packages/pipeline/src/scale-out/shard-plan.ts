import type { ContextRange } from '../steps/compute-statistics.ts';

/**
 * Splits contexts [0, contextCount) into up to `shards` ranges of about equal size whose
 * boundaries fall on encoder-batch boundaries (multiples of `contextsPerBatch`), so every
 * shard encodes exactly the batches one pass would and the merged statistics are identical.
 */
export function planShards(contextCount: number, contextsPerBatch: number, shards: number): ContextRange[] {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`The shard count must be a positive integer, got ${shards}.`);
  const batches = Math.ceil(contextCount / contextsPerBatch);
  const count = Math.min(shards, batches);
  const ranges: ContextRange[] = [];
  for (let shard = 0; shard < count; shard += 1) {
    const firstBatch = Math.floor((shard * batches) / count);
    const endBatch = Math.floor(((shard + 1) * batches) / count);
    ranges.push({
      firstContext: firstBatch * contextsPerBatch,
      endContext: Math.min(contextCount, endBatch * contextsPerBatch),
    });
  }
  return ranges;
}

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeatureStatsAccumulator, type FeatureStatistics } from '@atlas/features';
import type { ProgressFactory } from '../progress.ts';
import { UserError } from '../errors.ts';
import type { ContextRange } from '../steps/compute-statistics.ts';
import {
  cancelRun, deleteShardResults, failedShards, finishedShards, loadShardResult, openJobQueue, SHARD_QUEUE, type ShardJob,
} from './job-queue.ts';
import { decodeShardState } from './shard-codec.ts';
import { planShards } from './shard-plan.ts';
import { startShardWorkers } from './shard-worker.ts';

export interface ShardedStatisticsOptions {
  /** Postgres holding the queue: DATABASE_URL, or the embedded database served by `serveDatabase`. */
  queueUrl: string;
  /** Identifies this pass; a coordinator restarted with the same key reuses shards already done. */
  passKey: string;
  activationFile: string;
  saeDir: string;
  contextCount: number;
  seqLen: number;
  topK: number;
  coactivationBudgetBytes?: number;
  contextsPerBatch: number;
  shards: number;
  /** Workers run inside this process (0: only `atlas worker` processes elsewhere do the work). */
  localWorkers: number;
  /** A shard not finished this long after a worker took it is retried (its worker is presumed dead). */
  shardTimeoutSeconds: number;
  /** Retries per shard before the pass fails. */
  retryLimit?: number;
  progress: ProgressFactory;
  log: (line: string) => void;
}

/**
 * The statistics pass as shard jobs on pg-boss: enqueues the shards not yet done, optionally
 * works on them in-process, waits until every shard's result is stored (expiring shards whose
 * worker died, so they are retried), then merges the partial statistics in shard order: the
 * result equals a single pass exactly (see FeatureStatsAccumulator.merge).
 */
export async function computeShardedStatistics(options: ShardedStatisticsOptions): Promise<FeatureStatistics[]> {
  const { log } = options;
  const boss = await openJobQueue(options.queueUrl, { onError: (error) => log(`job queue: ${error.message}`) });
  let stopWorkers: (() => Promise<void>) | undefined;
  const runId = randomUUID();
  let merged = false;
  try {
    const ranges = planShards(options.contextCount, options.contextsPerBatch, options.shards);
    // Results are only reused by a run that cuts the contexts the same way.
    const passKey = `${options.passKey}:${ranges.length}x${options.contextsPerBatch}`;
    const done = await finishedShards(boss, passKey);
    const jobs = ranges.flatMap((range, shard) => (done.has(shard) ? [] : [job(options, passKey, runId, shard, range)]));
    if (done.size > 0) log(`Reusing ${done.size} of ${ranges.length} statistics shards finished earlier.`);
    if (jobs.length > 0) {
      await boss.insert(jobs.map((data) => ({
        name: SHARD_QUEUE, data, retryLimit: options.retryLimit ?? 3, expireInSeconds: options.shardTimeoutSeconds,
      })));
    }
    if (options.localWorkers > 0) {
      stopWorkers = await startShardWorkers(boss, { concurrency: options.localWorkers, log: () => {} });
    } else {
      log(`Waiting for \`atlas worker --database-url <this database>\` processes to take ${jobs.length} shards.`);
    }
    const shardBar = options.progress('statistics shards', ranges.length, 'shards');
    try {
      for (let lastExpiry = 0; ; await sleep(250)) {
        const finished = await finishedShards(boss, passKey);
        shardBar.update(finished.size);
        if (finished.size >= ranges.length) break;
        const failed = await failedShards(boss, runId);
        if (failed.length > 0) {
          throw new UserError(`Statistics shard ${failed[0]!.shard} failed after its retries: ${failed[0]!.error}`);
        }
        if (performance.now() - lastExpiry > 1000) {
          // Moves shards whose worker vanished (active past their expiry) back to be retried.
          await boss.expire();
          lastExpiry = performance.now();
        }
      }
    } finally {
      shardBar.stop();
    }
    let total: FeatureStatsAccumulator | undefined;
    for (let shard = 0; shard < ranges.length; shard += 1) {
      // Merged straight from the decoded state: one accumulator in memory, not one per shard.
      const state = decodeShardState(await loadShardResult(boss, passKey, shard));
      if (total) total.mergeState(state);
      else total = FeatureStatsAccumulator.fromState(state);
    }
    merged = true;
    await deleteShardResults(boss, passKey);
    return total!.finish();
  } finally {
    if (!merged) await cancelRun(boss, runId);
    await stopWorkers?.();
    await boss.stop({ graceful: true, wait: true, close: true });
  }
}

function job(options: ShardedStatisticsOptions, passKey: string, runId: string, shard: number, range: ContextRange): ShardJob {
  return {
    passKey, runId, shard, ...range,
    activationFile: options.activationFile, saeDir: options.saeDir,
    seqLen: options.seqLen, topK: options.topK, contextsPerBatch: options.contextsPerBatch,
    ...(options.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: options.coactivationBudgetBytes }),
  };
}

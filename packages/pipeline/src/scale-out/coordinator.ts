import { FeatureStatsAccumulator, type FeatureStatistics } from '@atlas/features';
import { openJobQueue, type JobQueue, type JobRecord, type JobWorkers } from '@atlas/jobs';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';
import type { ContextRange } from '../steps/compute-statistics.ts';
import { decodeShardState } from './shard-codec.ts';
import { planShardJobs } from './shard-jobs.ts';
import { planShards } from './shard-plan.ts';
import { SHARD_STATE, statisticsShardJob, type ShardPayload } from './statistics-shard-job.ts';

export interface ShardedStatisticsOptions {
  /** The atlas database holding the job queue: DATABASE_URL, or the embedded database served by `serveDatabase`. */
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
 * The statistics pass as `statistics-shard` jobs (`@atlas/jobs`): plans the shards (reusing
 * finished ones), optionally runs workers in-process, waits until every shard's result is
 * stored, then merges the partial statistics in shard order: the result equals a single pass
 * exactly (see FeatureStatsAccumulator.merge).
 */
export async function computeShardedStatistics(options: ShardedStatisticsOptions): Promise<FeatureStatistics[]> {
  const { log } = options;
  // Expiry is checked often enough to notice a dead worker within a quarter of the shard timeout.
  const superviseIntervalSeconds = Math.min(10, Math.max(1, options.shardTimeoutSeconds / 4));
  const queue = await openJobQueue(options.queueUrl, { log: (line) => log(`job queue: ${line}`), superviseIntervalSeconds });
  let workers: JobWorkers | undefined;
  let jobIds: string[] = [];
  let merged = false;
  try {
    const ranges = planShards(options.contextCount, options.contextsPerBatch, options.shards);
    // Results are only reused by a run that cuts the contexts the same way.
    const passKey = `${options.passKey}:${ranges.length}x${options.contextsPerBatch}`;
    const plan = await planShardJobs(queue, passKey, ranges, (shard, range) => shardPayload(options, passKey, shard, range), {
      retryLimit: options.retryLimit ?? statisticsShardJob.defaults.retryLimit, expireInSeconds: options.shardTimeoutSeconds,
    });
    jobIds = plan.jobIds;
    if (plan.reused > 0) log(`Reusing ${plan.reused} of ${ranges.length} statistics shards finished earlier.`);
    if (plan.adopted > 0) log(`Waiting for ${plan.adopted} statistics shards queued by an earlier run.`);
    if (options.localWorkers > 0) {
      workers = await queue.startWorkers({ kinds: [statisticsShardJob], concurrency: options.localWorkers, pollIntervalSeconds: 0.5, quiet: true });
    } else {
      log(`Waiting for \`atlas worker --database-url <this database>\` processes to take ${ranges.length - plan.reused} shards.`);
    }
    await waitForShards(queue, jobIds, ranges, options);
    let total: FeatureStatsAccumulator | undefined;
    for (const id of jobIds) {
      // Merged straight from the decoded state: one accumulator in memory, not one per shard.
      const state = decodeShardState(await queue.loadBinaryResult(id, SHARD_STATE));
      if (total) total.mergeState(state);
      else total = FeatureStatsAccumulator.fromState(state);
    }
    merged = true;
    await queue.deleteBinaryResults(jobIds);
    return total!.finish();
  } finally {
    // Given up: unfinished shards are cancelled, so no worker spends time on them.
    if (!merged) for (const id of jobIds) await queue.cancel(id).catch(() => undefined);
    await workers?.stop();
    await queue.close();
  }
}

/** Polls the shard jobs with a progress bar over their tokens; a shard that failed for good (or was cancelled) stops the pass. */
async function waitForShards(queue: JobQueue, jobIds: string[], ranges: ContextRange[], options: ShardedStatisticsOptions): Promise<void> {
  const tokens = ranges.map((range) => (range.endContext - range.firstContext) * options.seqLen);
  const bar = options.progress('statistics shards', tokens.reduce((sum, n) => sum + n, 0), 'tok');
  const onPoll = (jobs: JobRecord[]) => {
    const done = jobs.reduce((sum, job, shard) => sum + (job.state === 'succeeded' ? tokens[shard]! : (job.progress?.done ?? 0)), 0);
    bar.update(done, { shards: `${jobs.filter((job) => job.state === 'succeeded').length}/${jobs.length}` });
    const shard = jobs.findIndex((job) => job.state === 'failed' || job.state === 'cancelled');
    if (shard >= 0) throw shardError(shard, jobs[shard]!);
  };
  try {
    await queue.waitForJobs(jobIds, { pollIntervalSeconds: 0.25, onPoll });
  } finally {
    bar.stop();
  }
}

function shardError(shard: number, job: JobRecord): UserError {
  const why = job.error?.message ?? 'no reason recorded';
  if (job.state === 'cancelled') return new UserError(`Statistics shard ${shard} was cancelled (${why}); run the build again to redo it.`, { code: 'CANCELLED' });
  return new UserError(`Statistics shard ${shard} failed after ${job.attempts} of ${job.maxAttempts} attempts: ${why}`, { code: job.error?.code ?? 'INTERNAL_SERVER_ERROR' });
}

function shardPayload(options: ShardedStatisticsOptions, passKey: string, shard: number, range: ContextRange): ShardPayload {
  return {
    passKey, shard, ...range,
    activationFile: options.activationFile, saeDir: options.saeDir,
    seqLen: options.seqLen, topK: options.topK, contextsPerBatch: options.contextsPerBatch,
    ...(options.coactivationBudgetBytes === undefined ? {} : { coactivationBudgetBytes: options.coactivationBudgetBytes }),
  };
}

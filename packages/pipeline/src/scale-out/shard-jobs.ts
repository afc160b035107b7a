import type { JobQueue, JobRecord } from '@atlas/jobs';
import type { ContextRange } from '../steps/compute-statistics.ts';
import { SHARD_STATE, statisticsShardJob, type ShardPayload } from './statistics-shard-job.ts';

export interface ShardJobPlan {
  /** One job per shard, in shard order. */
  jobIds: string[];
  /** Shards finished earlier whose results are still stored. */
  reused: number;
  /** Shards queued or running from an earlier coordinator run of the same pass. */
  adopted: number;
}

/** Each shard's singleton key: one unfinished job per shard of a pass, and the way to find its earlier jobs. */
export const shardKey = (passKey: string, shard: number) => `${passKey}:${shard}`;

/**
 * A job for every shard of a pass: a finished one whose result is still stored is reused, an
 * unfinished one (a coordinator before this one was killed) is waited for, and the rest are
 * enqueued. A restarted build therefore redoes only the shards that never finished.
 */
export async function planShardJobs(
  queue: JobQueue,
  passKey: string,
  ranges: ContextRange[],
  payload: (shard: number, range: ContextRange) => ShardPayload,
  options: { retryLimit: number; expireInSeconds: number },
): Promise<ShardJobPlan> {
  const keys = ranges.map((_, shard) => shardKey(passKey, shard));
  const earlier = await earlierJobs(queue, keys);
  const stored = await queue.jobsWithBinaryResult(earlier.filter((job) => job.state === 'succeeded').map((job) => job.id), SHARD_STATE);
  const plan: ShardJobPlan = { jobIds: [], reused: 0, adopted: 0 };
  for (const [shard, range] of ranges.entries()) {
    const mine = earlier.filter((job) => job.singletonKey === keys[shard]);
    const reusable = mine.find((job) => job.state === 'succeeded' && stored.has(job.id));
    const unfinished = mine.find((job) => job.state === 'queued' || job.state === 'running');
    if (reusable) plan.reused += 1;
    else if (unfinished) plan.adopted += 1;
    const id = reusable?.id ?? unfinished?.id ?? await queue.enqueue(statisticsShardJob, payload(shard, range), { singletonKey: keys[shard], ...options });
    plan.jobIds.push(id);
  }
  return plan;
}

/** The queued, running or succeeded jobs of these keys, newest first (every page). */
async function earlierJobs(queue: JobQueue, keys: string[]): Promise<JobRecord[]> {
  const jobs: JobRecord[] = [];
  for (let page = await nextPage(queue, keys); page.length > 0; page = await nextPage(queue, keys, page.at(-1)!.id)) jobs.push(...page);
  return jobs;
}

const nextPage = (queue: JobQueue, keys: string[], after?: string) => queue.listJobs({
  kinds: [statisticsShardJob.name], singletonKeys: keys, states: ['queued', 'running', 'succeeded'], first: 1000,
  ...(after === undefined ? {} : { after }),
});

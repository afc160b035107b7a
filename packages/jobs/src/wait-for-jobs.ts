import { setTimeout as sleep } from 'node:timers/promises';
import { getJobsByIds, type AtlasDb, type JobRecord } from '@atlas/db';
import { JobError } from './job-errors.ts';

export interface WaitOptions {
  /** Seconds between polls (default 0.5). */
  pollIntervalSeconds?: number;
  /** Called with the jobs (in the order asked) after every poll, e.g. to show progress; throwing stops the wait with that error. */
  onPoll?: (jobs: JobRecord[]) => void;
  signal?: AbortSignal;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls until every job is finished and returns them in the order asked; NOT_FOUND if an id names no job. */
export async function waitForJobs(db: AtlasDb, ids: readonly string[], options: WaitOptions = {}): Promise<JobRecord[]> {
  for (;;) {
    const jobs = await getJobsByIds(db, ids);
    if (jobs.length !== new Set(ids).size) {
      const missing = ids.find((id) => !jobs.some((job) => job.id === id));
      throw new JobError(`No job has the id ${missing}.`, { code: 'NOT_FOUND' });
    }
    options.onPoll?.(jobs);
    if (jobs.every((job) => FINISHED.has(job.state))) return jobs;
    await sleep((options.pollIntervalSeconds ?? 0.5) * 1000, undefined, options.signal ? { signal: options.signal } : {});
  }
}

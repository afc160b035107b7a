// @atlas/jobs: the job runner. A job kind declares its payload (zod), its run function and
// defaults; one runner executes any kind, in-process or in `atlas worker` processes, over
// pg-boss in the atlas database. Job records (state, progress, result, error) are the `jobs`
// table, read through this queue or `@atlas/db`'s job queries.
export { defineJobKind, type AnyJobKind, type JobContext, type JobKind, type JobOptions, type PayloadSchema } from './define-job-kind.ts';
export { openJobQueue, JobQueue, type JobQueueOptions } from './job-queue.ts';
export type { JobWorkers, WorkerOptions } from './worker-pool.ts';
export type { WaitOptions } from './wait-for-jobs.ts';
export { runWorkerProcess, type WorkerProcessOptions } from './worker-process.ts';
export { JobError, redact } from './job-errors.ts';
export type { JobErrorInfo, JobFilter, JobProgress, JobRecord, JobState } from '@atlas/db';

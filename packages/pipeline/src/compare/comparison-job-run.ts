import { getComparisonsByIds, sharedDatabaseUrl, type AtlasDb, type ComparisonRunRow, type JobRecord } from '@atlas/db';
import { openJobQueue, type JobWorkers } from '@atlas/jobs';
import { UserError } from '../errors.ts';
import { checkComparison } from './check-comparison.ts';
import { compareJob } from './compare-job.ts';
import { compareSingletonKey, type CompareRequest } from './compare-request.ts';

export interface ComparisonJobOptions {
  /** The atlas database's URL for the job queue (DATABASE_URL); absent: the embedded database is served on a local port. */
  queueUrl?: string | undefined;
  /** Every poll of the job: its state and progress (stage, done, total, rate, ETA). */
  onPoll?: (job: JobRecord) => void;
  /** Aborting cancels the job (what Ctrl-C does in the CLI). */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface ComparisonJobOutcome {
  jobId: string;
  run: ComparisonRunRow;
  reused: boolean;
}

/**
 * A comparison run from this process as the `compare` job the API queues: the same record (progress,
 * cancel, history in `jobs`), the same one-per-pair-and-method rule (CONFLICT while another runs, from
 * the API or another shell), and the same worker code, here in-process.
 */
export async function runComparisonJob(db: AtlasDb, request: CompareRequest, options: ComparisonJobOptions = {}): Promise<ComparisonJobOutcome> {
  const log = options.log ?? (() => {});
  // Bad input is refused here, before anything is queued, with the checks' own message.
  await checkComparison(db, request);
  const served = await sharedDatabaseUrl(db, { url: options.queueUrl, purpose: 'Running a comparison job' });
  let workers: JobWorkers | undefined;
  let jobId: string | undefined;
  let finished = false;
  const queue = await openJobQueue(served.url, { log: (line) => log(`job queue: ${line}`) });
  try {
    jobId = await queue.enqueue(compareJob, request, { singletonKey: compareSingletonKey(request) });
    log(`Comparison job ${jobId} queued; progress and cancel also through GraphQL job(id: "${jobId}").`);
    workers = await queue.startWorkers({ kinds: [compareJob], concurrency: 1, pollIntervalSeconds: 0.25, quiet: true });
    const [job] = await queue.waitForJobs([jobId], {
      pollIntervalSeconds: 0.5,
      onPoll: ([polled]) => options.onPoll?.(polled!),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    finished = true;
    if (job!.state !== 'succeeded') {
      const why = job!.error?.message ?? `comparison job ${jobId} ${job!.state} with no reason recorded`;
      throw new UserError(why, { code: job!.error?.code ?? 'INTERNAL_SERVER_ERROR' });
    }
    const result = job!.result as { comparisonId: number; reused: boolean };
    const [run] = await getComparisonsByIds(db, [result.comparisonId]);
    if (!run) throw new Error(`comparison job ${jobId} succeeded but its run ${result.comparisonId} is not stored`);
    return { jobId, run, reused: result.reused };
  } finally {
    // Given up (Ctrl-C, an error while waiting): the job is cancelled, so it does not hold the pair.
    if (jobId && !finished) await queue.cancel(jobId).catch(() => undefined);
    await workers?.stop();
    await queue.close();
    await served.close();
  }
}

import {
  finishJobAttempt, getJob, loadJobBinaryResult, saveJobBinaryResult, startJobAttempt,
  type AtlasDb, type JobErrorInfo, type JobOutcome,
} from '@atlas/db';
import { oneLine } from '@atlas/errors';
import type PgBoss from 'pg-boss';
import { monitorAttempt } from './attempt-monitor.ts';
import type { AnyJobKind, JobContext } from './define-job-kind.ts';
import { AttemptSupersededError, describeIssues, isRetryable, JobError, storedError } from './job-errors.ts';
import { ProgressMeter } from './progress-meter.ts';

/** A job as pg-boss hands it to a worker (`fetch` with metadata). */
export interface FetchedJob {
  id: string;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  expireInSeconds: number;
}

export interface RunJobDeps {
  db: AtlasDb;
  boss: PgBoss;
  concurrency: number;
  pollIntervalMs: number;
  /** Aborted when the worker must stop at once: running attempts are aborted and retried elsewhere. */
  shutdown: AbortSignal;
  /** What happens (attempts starting and ending, the kind's own lines). */
  log: (line: string) => void;
  /** Failed attempts and the detail of internal errors. */
  warn: (line: string) => void;
}

/**
 * Runs one attempt of a job: records it running, runs the kind with a context (progress,
 * cancellation, time limit), then records the outcome — succeeded, back to the queue for a
 * retry, or failed — and only then tells pg-boss, so a worker dying in between leaves a job
 * pg-boss retries and whose record says what happened. Nothing is written for an attempt that
 * lost the job (cancelled, or taken over after its expiry).
 */
export async function runJob(kind: AnyJobKind, job: FetchedJob, deps: RunJobDeps): Promise<void> {
  const { db, boss } = deps;
  const attempt = job.retryCount + 1;
  const log = (line: string) => deps.log(`${kind.name} ${job.id.slice(0, 8)}: ${line}`);
  const warn = (line: string) => deps.warn(`${kind.name} ${job.id.slice(0, 8)}: ${line}`);
  const record = await startJobAttempt(db, job.id, attempt);
  if (!record) return settleTransport(kind, job, deps, log);
  const started = performance.now();
  log(`attempt ${attempt} of ${record.maxAttempts} started`);

  const controller = new AbortController();
  const timeLimit = setTimeout(
    () => controller.abort(new JobError(`The job ran past its time limit of ${job.expireInSeconds} s.`, { code: 'UPSTREAM_FAILED' })),
    job.expireInSeconds * 1000,
  );
  const onShutdown = () => controller.abort(new JobError('Its worker was stopped in the middle of the job.', { code: 'UPSTREAM_FAILED' }));
  deps.shutdown.addEventListener('abort', onShutdown, { once: true });
  const meter = new ProgressMeter();
  const monitor = monitorAttempt({ db, jobId: job.id, attempt, meter, controller, intervalMs: deps.pollIntervalMs, log: warn });
  const context: JobContext = {
    jobId: job.id, attempt, maxAttempts: record.maxAttempts, signal: controller.signal, concurrency: deps.concurrency, db,
    progress: (done, total = null, unit) => meter.report(done, total, unit ?? null),
    log,
    saveBinaryResult: (name, bytes) => saveJobBinaryResult(db, job.id, name, bytes),
    loadBinaryResult: (name) => loadJobBinaryResult(db, job.id, name),
  };

  let outcome: JobOutcome;
  try {
    const parsed = kind.payload.safeParse(job.data);
    if (!parsed.success) {
      throw new JobError(`The job's payload is not a valid ${kind.name} payload: ${describeIssues(parsed.error)}.`, { code: 'BAD_USER_INPUT' });
    }
    // Through JSON now, so a result that cannot be stored fails the attempt rather than the bookkeeping.
    const result: unknown = JSON.parse(JSON.stringify((await kind.run(parsed.data, context)) ?? null));
    outcome = { state: 'succeeded', result };
  } catch (thrown) {
    // After an abort the reason says why, whatever the kind threw on its way out.
    const error = controller.signal.aborted ? controller.signal.reason : thrown;
    const info = storedError(error);
    if (info.code === 'INTERNAL_SERVER_ERROR') warn(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    outcome = { state: isRetryable(info) && job.retryCount < job.retryLimit ? 'queued' : 'failed', error: info };
  } finally {
    clearTimeout(timeLimit);
    deps.shutdown.removeEventListener('abort', onShutdown);
    await monitor.stop();
  }

  const reason: unknown = controller.signal.reason;
  if (reason instanceof AttemptSupersededError || (reason instanceof JobError && reason.code === 'CANCELLED')) {
    log(`attempt ${attempt} stopped: ${reason.message}`);
    return;
  }
  if (!(await finishJobAttempt(db, job.id, attempt, outcome))) {
    log(`attempt ${attempt} finished after losing the job (cancelled or retried elsewhere); its outcome is dropped`);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (outcome.state === 'succeeded') {
    log(`succeeded in ${seconds} s`);
    await boss.complete(kind.name, job.id);
    return;
  }
  warn(`attempt ${attempt} failed after ${seconds} s: ${outcome.error.code} ${oneLine(outcome.error.message)}${outcome.state === 'queued' ? ' (will be retried)' : ''}`);
  await reportFailure(kind, job, outcome.error, deps.boss);
}

/** Tells pg-boss an attempt failed: it retries while retries last; a failure no retry can fix completes the transport job. */
async function reportFailure(kind: AnyJobKind, job: FetchedJob, error: JobErrorInfo, boss: PgBoss): Promise<void> {
  if (isRetryable(error) || job.retryCount >= job.retryLimit) await boss.fail(kind.name, job.id, { ...error });
  else await boss.complete(kind.name, job.id, { failed: { ...error } });
}

/**
 * pg-boss handed over a job whose record says it is finished: cancelled (pg-boss's copy is
 * cancelled too), or done by an attempt whose worker died before telling pg-boss. The
 * transport job is settled to match, and nothing runs.
 */
async function settleTransport(kind: AnyJobKind, job: FetchedJob, deps: RunJobDeps, log: (line: string) => void): Promise<void> {
  const record = await getJob(deps.db, job.id);
  if (record?.state === 'succeeded') {
    await deps.boss.complete(kind.name, job.id);
  } else if (record?.state === 'failed' && record.error) {
    await reportFailure(kind, { ...job, retryCount: job.retryLimit }, record.error, deps.boss);
  } else if (record?.state !== 'running' && record?.state !== 'queued') {
    await deps.boss.cancel(kind.name, job.id);
  }
  log(record ? `not run: the job is ${record.state} (attempt ${record.attempts})` : 'not run: no job record (enqueued outside the runner)');
}

import type { AtlasDb } from '@atlas/db';
import type PgBoss from 'pg-boss';
import type { AnyJobKind } from './define-job-kind.ts';
import { JobError } from './job-errors.ts';
import { runJob } from './run-job.ts';

export interface WorkerOptions {
  /** The kinds this process runs (each needs its queue, made by a migration). */
  kinds: readonly AnyJobKind[];
  /** Jobs run at once, over all kinds together (default 1). */
  concurrency?: number;
  /** How often an idle worker asks for jobs, and a running job's progress is stored and its cancellation checked (default 1). */
  pollIntervalSeconds?: number;
  log?: (line: string) => void;
  /** Log only failed attempts (with internal errors' detail), not every start and end. */
  quiet?: boolean;
}

export interface JobWorkers {
  /**
   * Stops taking jobs and waits for the ones running. With `abort`, running jobs are aborted
   * instead (they fail their attempt and are retried by another worker).
   */
  stop(options?: { abort?: boolean }): Promise<void>;
}

/**
 * One dispatcher for every kind: while a slot is free it asks each kind's queue in turn (a
 * different kind first each round, so none starves) for as many jobs as slots are free, and runs
 * them; idle, it waits a poll interval or until a slot frees.
 */
export function startWorkerPool(db: AtlasDb, boss: PgBoss, options: WorkerOptions): JobWorkers {
  const kinds = [...options.kinds];
  const names = new Set(kinds.map((kind) => kind.name));
  if (kinds.length === 0 || names.size !== kinds.length) {
    throw new JobError(`startWorkers needs at least one job kind, each once (got ${kinds.map((kind) => kind.name).join(', ') || 'none'}).`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new JobError(`Worker concurrency must be a whole number ≥ 1, got ${concurrency}.`, { code: 'BAD_USER_INPUT' });
  const pollIntervalMs = (options.pollIntervalSeconds ?? 1) * 1000;
  const warn = options.log ?? (() => {});
  const log = options.quiet ? () => {} : warn;
  const shutdown = new AbortController();
  const running = new Set<Promise<void>>();
  let stopping = false;
  let wake = () => {};

  const take = (kind: AnyJobKind, job: PgBoss.JobWithMetadata<unknown>) => {
    const fetched = {
      id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit,
      // pg-boss reads it with EXTRACT(epoch …): a numeric, which arrives as a string.
      expireInSeconds: Number(job.expireInSeconds),
    };
    const run = runJob(kind, fetched, { db, boss, concurrency, pollIntervalMs, shutdown: shutdown.signal, log, warn })
      .catch((error: unknown) => warn(`${kind.name} ${job.id.slice(0, 8)}: bookkeeping failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running.delete(run);
        wake();
      });
    running.add(run);
  };

  const dispatcher = (async () => {
    for (let round = 0; !stopping; round += 1) {
      let took = 0;
      for (let i = 0; i < kinds.length && running.size < concurrency && !stopping; i += 1) {
        const kind = kinds[(round + i) % kinds.length]!;
        const jobs = await boss.fetch<unknown>(kind.name, { batchSize: concurrency - running.size, includeMetadata: true });
        for (const job of jobs) take(kind, job);
        took += jobs.length;
      }
      // More may be waiting while slots are free; otherwise sleep until a slot frees or the next poll.
      if (stopping || (took > 0 && running.size < concurrency)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  })();

  return {
    async stop({ abort = false } = {}) {
      stopping = true;
      wake();
      await dispatcher;
      if (abort) shutdown.abort();
      await Promise.all(running);
    },
  };
}

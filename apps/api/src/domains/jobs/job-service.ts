import { countActiveJobs, sharedDatabaseUrl, type AtlasDb, type JobRecord } from '@atlas/db';
import { openJobQueue, type AnyJobKind, type JobKind, type JobOptions, type JobQueue, type JobWorkers, type PayloadSchema } from '@atlas/jobs';
import type { z } from 'zod';
import { ApiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

export type JobServiceOptions = {
  /** The job kinds the served domains run (each domain's `jobKinds`). */
  kinds: readonly AnyJobKind[];
  /** Jobs this API process runs at once (API_JOB_WORKERS); 0 leaves them to `atlas worker` processes. */
  workers: number;
  /** Queued and running jobs over which a new one is refused (API_MAX_ACTIVE_JOBS): one request may not pile up work. */
  maxActiveJobs: number;
  /** The Postgres holding the queue (DATABASE_URL); an embedded database is served on a local socket instead. */
  queueUrl?: string;
  logger: Logger;
};

type Running = { queue: JobQueue; workers: JobWorkers | null; close: () => Promise<void> };

/**
 * The API's handle on the job runner (`@atlas/jobs`): domains start jobs through it and the jobs
 * domain cancels them. The queue opens on first use (an API that starts no job never serves its
 * embedded database on a socket nor runs pg-boss), or at once with `start()` (`npm start`, so jobs
 * queued before a restart run again). Reading jobs needs none of it: loaders read the `jobs` table.
 */
export class JobService {
  #running: Promise<Running> | null = null;

  constructor(private readonly db: AtlasDb, private readonly options: JobServiceOptions) {}

  /** The kinds this API runs, by name. */
  get kinds(): readonly AnyJobKind[] {
    return this.options.kinds;
  }

  /** Opens the queue and starts this process's workers, once. */
  start(): Promise<Running> {
    this.#running ??= this.#open().catch((error: unknown) => {
      this.#running = null;
      throw error;
    });
    return this.#running;
  }

  /**
   * Records and queues a job of `kind`; its record, which a mutation returns as the `Job`. Refused
   * with RATE_LIMITED while the atlas has `maxActiveJobs` queued or running, so no client can queue
   * unbounded work.
   */
  async enqueue<Schema extends PayloadSchema>(kind: JobKind<Schema, unknown>, payload: z.input<Schema>, options: JobOptions = {}): Promise<JobRecord> {
    if (!this.options.kinds.some((known) => known.name === kind.name)) {
      throw new ApiError(`This API does not run ${kind.name} jobs (no served domain declares the kind).`, { code: 'INTERNAL_SERVER_ERROR' });
    }
    const active = await countActiveJobs(this.db);
    if (active >= this.options.maxActiveJobs) {
      throw new ApiError(
        `The atlas has ${active} jobs queued or running, its limit (API_MAX_ACTIVE_JOBS=${this.options.maxActiveJobs}); retry when some have finished, or run \`atlas worker\` to finish them sooner.`,
        { code: 'RATE_LIMITED' },
      );
    }
    const { queue } = await this.start();
    const id = await queue.enqueue(kind, payload, options);
    const job = await queue.getJob(id);
    if (!job) throw new ApiError(`Job ${id} was queued but is not recorded.`, { code: 'INTERNAL_SERVER_ERROR' });
    return job;
  }

  /** Cancels a job (a queued one never runs; a running one stops within a poll interval); NOT_FOUND for an unknown id. */
  async cancel(id: string): Promise<JobRecord> {
    const { queue } = await this.start();
    return queue.cancel(id);
  }

  /** Stops this process's workers (their jobs are left to be retried) and closes the queue. */
  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (running) await (await running).close();
  }

  async #open(): Promise<Running> {
    const { logger } = this.options;
    const log = (line: string) => logger.info(`jobs: ${line}`);
    const served = await sharedDatabaseUrl(this.db, { url: this.options.queueUrl, purpose: 'Starting jobs' });
    const url = served.url;
    try {
      const queue = await openJobQueue(url, { log });
      const kinds = this.options.kinds;
      const workers = this.options.workers > 0 && kinds.length > 0
        ? await queue.startWorkers({ kinds, concurrency: this.options.workers, log, quiet: true })
        : null;
      return {
        queue,
        workers,
        close: async () => {
          // Running jobs are aborted, not awaited: a stopping API must not hang on a long comparison; they are retried.
          await workers?.stop({ abort: true });
          await queue.close();
          await served.close();
        },
      };
    } catch (error) {
      await served.close();
      throw error;
    }
  }
}

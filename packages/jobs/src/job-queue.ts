import { randomUUID } from 'node:crypto';
import {
  cancelJobRecord, deleteJobBinaryResults, getJobsByIds, insertJob, jobsWithBinaryResult, listJobs, loadJobBinaryResult,
  openDatabase, sqlExecutor, type AtlasDb, type JobFilter, type JobRecord,
} from '@atlas/db';
import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import { parseJobOptions, type JobKind, type JobOptions, type PayloadSchema } from './define-job-kind.ts';
import { describeIssues, JobError } from './job-errors.ts';
import { assertQueues, missingQueueError, startBoss } from './start-boss.ts';
import { startSupervisor } from './supervisor.ts';
import { waitForJobs, type WaitOptions } from './wait-for-jobs.ts';
import { startWorkerPool, type JobWorkers, type WorkerOptions } from './worker-pool.ts';

export interface JobQueueOptions {
  /** Where the queue's own messages go (default: stderr). */
  log?: (line: string) => void;
  /** How often this process expires attempts whose worker vanished and brings records in line (default 10 s). */
  superviseIntervalSeconds?: number;
}

/**
 * Opens the job queue in the atlas database at `url` — DATABASE_URL's Postgres, or an embedded
 * database served by `serveDatabase` (`@atlas/db`). The database is migrated on open, so the
 * runner's tables and pg-boss's schema exist before pg-boss starts.
 */
export async function openJobQueue(url: string, options: JobQueueOptions = {}): Promise<JobQueue> {
  const log = options.log ?? ((line: string) => console.error(`[atlas jobs] ${line}`));
  const db = await openDatabase({ url });
  try {
    const boss = await startBoss(url, log);
    return new JobQueue(db, boss, log, options.superviseIntervalSeconds ?? 10);
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The runner's handle on one database: enqueue and follow jobs, run workers, read results. */
export class JobQueue {
  private readonly stopSupervisor: () => Promise<void>;
  private readonly workers = new Set<JobWorkers>();
  private readonly knownQueues = new Set<string>();

  constructor(
    /** The atlas database the queue lives in (read jobs with `@atlas/db`'s job queries on any connection to it). */
    readonly db: AtlasDb,
    private readonly boss: PgBoss,
    private readonly log: (line: string) => void,
    superviseIntervalSeconds: number,
  ) {
    this.stopSupervisor = startSupervisor(db, boss, superviseIntervalSeconds, log);
  }

  /**
   * Records a job and queues it, in one transaction; returns its id. The payload is checked
   * against the kind's schema first (BAD_USER_INPUT naming each problem); a singleton key with
   * a queued or running job of the kind already is a CONFLICT naming that job.
   */
  async enqueue<Schema extends PayloadSchema>(kind: JobKind<Schema, unknown>, payload: z.input<Schema>, options: JobOptions = {}): Promise<string> {
    const parsed = kind.payload.safeParse(payload);
    if (!parsed.success) {
      throw new JobError(`Invalid ${kind.name} job: ${describeIssues(parsed.error)}.`, { code: 'BAD_USER_INPUT' });
    }
    const given = parseJobOptions(options);
    const retryLimit = given.retryLimit ?? kind.defaults.retryLimit;
    const expireInSeconds = given.expireInSeconds ?? kind.defaults.expireInSeconds;
    const { singletonKey } = given;
    await this.assertQueue(kind.name);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const recorded = await insertJob(tx, { id, kind: kind.name, payload: parsed.data, singletonKey: singletonKey ?? null, maxAttempts: retryLimit + 1 });
      if (!recorded.inserted) {
        const { existing } = recorded;
        throw new JobError(
          `A ${kind.name} job for "${singletonKey}" is already ${existing.state} (job ${existing.id}); wait for it to finish or cancel it.`,
          { code: 'CONFLICT' },
        );
      }
      const sent = await this.boss.send(kind.name, parsed.data, { id, retryLimit, expireInSeconds, db: sqlExecutor(tx) });
      if (!sent) throw missingQueueError(kind.name);
    });
    return id;
  }

  /** A job by id; null when none has that id. */
  async getJob(id: string): Promise<JobRecord | null> {
    const [job] = await getJobsByIds(this.db, [id]);
    return job ?? null;
  }

  /** Jobs by id in the order asked, leaving out unknown ids. */
  getJobs(ids: readonly string[]): Promise<JobRecord[]> {
    return getJobsByIds(this.db, ids);
  }

  /** Jobs newest first, by kind, state and singleton key, a page at a time (`first`, `after`). */
  listJobs(filter: JobFilter = {}): Promise<JobRecord[]> {
    return listJobs(this.db, filter);
  }

  /**
   * Cancels a job: a queued one never runs; a running one is told through its signal within a
   * poll interval (its record says `cancelled` at once). A finished job is left as it is.
   * Returns the job; NOT_FOUND when no job has that id.
   */
  async cancel(id: string): Promise<JobRecord> {
    await this.db.transaction(async (tx) => {
      const cancelled = await cancelJobRecord(tx, id, 'The job was cancelled on request.');
      if (cancelled) await this.boss.cancel(cancelled.kind, id, { db: sqlExecutor(tx) });
    });
    const job = await this.getJob(id);
    if (!job) throw new JobError(`No job has the id ${id}.`, { code: 'NOT_FOUND' });
    return job;
  }

  /** Waits until every job is finished (succeeded, failed or cancelled); see `WaitOptions`. */
  waitForJobs(ids: readonly string[], options: WaitOptions = {}): Promise<JobRecord[]> {
    return waitForJobs(this.db, ids, options);
  }

  /** A job's binary result (stored with `ctx.saveBinaryResult`); NOT_FOUND when there is none under `name`. */
  async loadBinaryResult(jobId: string, name: string): Promise<Uint8Array> {
    const bytes = await loadJobBinaryResult(this.db, jobId, name);
    if (!bytes) throw new JobError(`Job ${jobId} has no binary result "${name}".`, { code: 'NOT_FOUND' });
    return bytes;
  }

  /** Which of `jobIds` have a binary result under `name`. */
  jobsWithBinaryResult(jobIds: readonly string[], name: string): Promise<Set<string>> {
    return jobsWithBinaryResult(this.db, jobIds, name);
  }

  /** Deletes the jobs' binary results once read (their records stay). */
  deleteBinaryResults(jobIds: readonly string[]): Promise<void> {
    return deleteJobBinaryResults(this.db, jobIds);
  }

  /** Runs jobs of `kinds` in this process until stopped (or until the queue is closed). */
  async startWorkers(options: WorkerOptions): Promise<JobWorkers> {
    for (const kind of options.kinds) await this.assertQueue(kind.name);
    const pool = startWorkerPool(this.db, this.boss, { log: this.log, ...options });
    const workers: JobWorkers = {
      stop: async (stopOptions) => {
        await pool.stop(stopOptions);
        this.workers.delete(workers);
      },
    };
    this.workers.add(workers);
    return workers;
  }

  /** Stops this process's workers (waiting for their jobs), its supervision and pg-boss, and closes the database. */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((workers) => workers.stop()));
    await this.stopSupervisor();
    await this.boss.stop({ graceful: false, close: true });
    await this.db.close();
  }

  private async assertQueue(kind: string): Promise<void> {
    if (this.knownQueues.has(kind)) return;
    await assertQueues(this.boss, [kind]);
    this.knownQueues.add(kind);
  }
}

import type { ErrorCode } from '@atlas/errors';
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { jobs, unfinishedSingletonJobs, type JobState } from '../schema/index.ts';
import { inRequestOrder } from '../sql/request-order.ts';
import { queryRows } from '../sql/rows.ts';

export type { JobState };

/** The latest progress report of a running job (or the last one of a finished job). */
export interface JobProgress {
  done: number;
  /** Null when the job did not say how much there is. */
  total: number | null;
  unit: string | null;
  /** Units per second over the last ~30 s of the attempt; null until two reports are far enough apart. */
  rate: number | null;
  /** Seconds left at that rate, counted from now; null unless the job is running with a known total and rate. */
  etaSeconds: number | null;
  updatedAt: Date;
}

/** What a job's error says: a stable code (`@atlas/errors`) and a message written for users. */
export interface JobErrorInfo {
  code: ErrorCode;
  message: string;
}

/** A job as people and GraphQL see it (one `jobs` row). */
export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  payload: unknown;
  singletonKey: string | null;
  progress: JobProgress | null;
  /** What the job returned (JSON), once succeeded. */
  result: unknown;
  /** Why the job failed or was cancelled; on a queued job, why its last attempt failed (it will be retried). */
  error: JobErrorInfo | null;
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can name a job at all (job ids are UUIDs); other strings name nothing. */
export const isJobId = (id: string) => UUID.test(id);

const etaSeconds = sql<number | null>`case when ${jobs.state} = 'running' and ${jobs.progressRate} > 0 and ${jobs.progressTotal} is not null
  then greatest(0, (${jobs.progressTotal} - ${jobs.progressDone}) / ${jobs.progressRate} - extract(epoch from now() - ${jobs.progressAt}))::float8
  end`;

const jobColumns = {
  id: jobs.id, kind: jobs.kind, state: jobs.state, payload: jobs.payload, singletonKey: jobs.singletonKey,
  attempts: jobs.attempts, maxAttempts: jobs.maxAttempts,
  progressDone: jobs.progressDone, progressTotal: jobs.progressTotal, progressUnit: jobs.progressUnit,
  progressRate: jobs.progressRate, progressAt: jobs.progressAt, etaSeconds,
  result: jobs.result, errorCode: jobs.errorCode, errorMessage: jobs.errorMessage,
  createdAt: jobs.createdAt, startedAt: jobs.startedAt, finishedAt: jobs.finishedAt,
};

const selectJobRows = (db: AtlasDb) => db.orm.select(jobColumns).from(jobs);
type JobRow = Awaited<ReturnType<typeof selectJobRows>>[number];

function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    payload: row.payload,
    singletonKey: row.singletonKey,
    progress: row.progressDone === null || row.progressAt === null ? null : {
      done: row.progressDone, total: row.progressTotal, unit: row.progressUnit, rate: row.progressRate,
      etaSeconds: row.etaSeconds === null ? null : Number(row.etaSeconds), updatedAt: row.progressAt,
    },
    result: row.result ?? null,
    error: row.errorCode === null ? null : { code: row.errorCode as ErrorCode, message: row.errorMessage ?? '' },
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

async function selectJobs(db: AtlasDb, where: SQL | undefined, limit?: number): Promise<JobRecord[]> {
  const query = selectJobRows(db).where(where).orderBy(desc(jobs.createdAt), desc(jobs.id));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(toJobRecord);
}

export interface NewJob {
  id: string;
  kind: string;
  payload: unknown;
  singletonKey?: string | null;
  maxAttempts: number;
}

/**
 * Records a queued job. With a singleton key that already has a queued or running job of the
 * kind, nothing is inserted and that job is returned instead (the unique index decides, so two
 * concurrent callers cannot both get in).
 */
export async function insertJob(db: AtlasDb, job: NewJob): Promise<{ inserted: true } | { inserted: false; existing: JobRecord }> {
  const inserted = await db.orm
    .insert(jobs)
    .values({ id: job.id, kind: job.kind, payload: job.payload, singletonKey: job.singletonKey ?? null, maxAttempts: job.maxAttempts })
    .onConflictDoNothing({ target: [jobs.kind, jobs.singletonKey], where: unfinishedSingletonJobs })
    .returning({ id: jobs.id });
  if (inserted.length > 0) return { inserted: true };
  const [existing] = await selectJobs(
    db, and(eq(jobs.kind, job.kind), eq(jobs.singletonKey, job.singletonKey ?? ''), inArray(jobs.state, ['queued', 'running'])), 1,
  );
  if (!existing) throw new Error(`Job ${job.id} was neither inserted nor blocked by an unfinished job with key ${job.singletonKey}.`);
  return { inserted: false, existing };
}

/** Jobs by id, in the order asked, leaving out ids that name none (DataLoader-ready). */
export async function getJobsByIds(db: AtlasDb, ids: readonly string[]): Promise<JobRecord[]> {
  const valid = [...new Set(ids.filter(isJobId))];
  if (valid.length === 0) return [];
  return inRequestOrder(ids, await selectJobs(db, inArray(jobs.id, valid)), (job) => job.id);
}

export async function getJob(db: AtlasDb, id: string): Promise<JobRecord | null> {
  const [job] = await getJobsByIds(db, [id]);
  return job ?? null;
}

export interface JobFilter {
  kinds?: readonly string[];
  states?: readonly JobState[];
  singletonKeys?: readonly string[];
  /** Page size (default 50, at most 1,000). */
  first?: number;
  /** A job id: the page starts after it (newest first). */
  after?: string;
}

/** Jobs newest first, filtered, a page at a time (keyset on creation time and id). */
export async function listJobs(db: AtlasDb, filter: JobFilter = {}): Promise<JobRecord[]> {
  const conditions: SQL[] = [];
  if (filter.kinds) conditions.push(inArray(jobs.kind, [...filter.kinds]));
  if (filter.states) conditions.push(inArray(jobs.state, [...filter.states]));
  if (filter.singletonKeys) conditions.push(inArray(jobs.singletonKey, [...filter.singletonKeys]));
  if (filter.after !== undefined) {
    if (!isJobId(filter.after)) return [];
    // Compared in SQL: timestamptz has microseconds, a JS Date only milliseconds.
    conditions.push(sql`(${jobs.createdAt}, ${jobs.id}) < (select created_at, id from jobs where id = ${filter.after})`);
  }
  const first = Math.min(1000, Math.max(1, filter.first ?? 50));
  return selectJobs(db, conditions.length > 0 ? and(...conditions) : undefined, first);
}

/**
 * Marks attempt `attempt` of an unfinished job running (clearing the last attempt's progress
 * and error). Null when the job is finished (cancelled, or done by an earlier attempt) or a
 * later attempt already took it.
 */
export async function startJobAttempt(db: AtlasDb, id: string, attempt: number): Promise<JobRecord | null> {
  const [row] = await db.orm
    .update(jobs)
    .set({
      state: 'running', attempts: attempt, startedAt: sql`coalesce(${jobs.startedAt}, now())`,
      progressDone: null, progressTotal: null, progressUnit: null, progressRate: null, progressAt: null,
      errorCode: null, errorMessage: null,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.state, ['queued', 'running']), lt(jobs.attempts, attempt)))
    .returning(jobColumns);
  return row ? toJobRecord(row) : null;
}

/** Where a running attempt stands: whether it was cancelled, or superseded by a later attempt. */
export interface JobControl {
  state: JobState;
  attempts: number;
}

export interface JobProgressReport {
  done: number;
  total: number | null;
  unit: string | null;
  rate: number | null;
}

/** Stores an attempt's progress (only while that attempt owns the running job); answers the job's state either way. */
export async function saveJobProgress(db: AtlasDb, id: string, attempt: number, report: JobProgressReport): Promise<JobControl | null> {
  const [saved] = await db.orm
    .update(jobs)
    .set({ progressDone: report.done, progressTotal: report.total, progressUnit: report.unit, progressRate: report.rate, progressAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'running'), eq(jobs.attempts, attempt)))
    .returning({ state: jobs.state, attempts: jobs.attempts });
  return saved ?? getJobControl(db, id);
}

export async function getJobControl(db: AtlasDb, id: string): Promise<JobControl | null> {
  const [control] = await db.orm.select({ state: jobs.state, attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, id));
  return control ?? null;
}

/** How an attempt ended: the job succeeded, failed for good, or goes back to the queue for a retry. */
export type JobOutcome = { state: 'succeeded'; result: unknown } | { state: 'failed' | 'queued'; error: JobErrorInfo };

/** Records how attempt `attempt` ended; false (nothing written) when it no longer owns the job (cancelled, or retried elsewhere). */
export async function finishJobAttempt(db: AtlasDb, id: string, attempt: number, outcome: JobOutcome): Promise<boolean> {
  const finishedAt = outcome.state === 'queued' ? null : sql`now()`;
  const set = outcome.state === 'succeeded'
    ? { state: outcome.state, result: outcome.result ?? null, finishedAt }
    : { state: outcome.state, errorCode: outcome.error.code, errorMessage: outcome.error.message, finishedAt };
  const updated = await db.orm
    .update(jobs)
    .set(set)
    .where(and(eq(jobs.id, id), eq(jobs.state, 'running'), eq(jobs.attempts, attempt)))
    .returning({ id: jobs.id });
  return updated.length > 0;
}

/** Marks an unfinished job cancelled; returns its kind, or null when it is finished already or does not exist. */
export async function cancelJobRecord(db: AtlasDb, id: string, message: string): Promise<{ kind: string } | null> {
  if (!isJobId(id)) return null;
  const [cancelled] = await db.orm
    .update(jobs)
    .set({ state: 'cancelled', errorCode: 'CANCELLED', errorMessage: message, finishedAt: sql`now()` })
    .where(and(eq(jobs.id, id), inArray(jobs.state, ['queued', 'running'])))
    .returning({ kind: jobs.kind });
  return cancelled ?? null;
}

/**
 * Brings unfinished job rows in line with pg-boss, which moves jobs on its own when a worker
 * vanishes: an attempt past its expiry goes back to the queue (or fails when no retries are
 * left), and a job cancelled in pg-boss directly is cancelled. Returns how many rows changed.
 */
export async function reconcileJobsWithQueue(db: AtlasDb): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`
    with transport as (
      select j.id, j.state, j.attempts, b.state::text as transport_state
      from jobs j
      cross join lateral (
        select state from pgboss.job where name = j.kind and id = j.id
        union all
        select state from pgboss.archive where name = j.kind and id = j.id
        limit 1
      ) b
      where j.state in ('queued', 'running')
    )
    update jobs set
      state = case t.transport_state when 'failed' then 'failed' when 'cancelled' then 'cancelled' else 'queued' end,
      error_code = case
        when t.transport_state = 'cancelled' then 'CANCELLED'
        when t.state = 'queued' and jobs.error_code is not null then jobs.error_code
        else 'UPSTREAM_FAILED' end,
      error_message = case
        when t.transport_state = 'cancelled' then 'The job was cancelled in the job queue.'
        when t.state = 'queued' and jobs.error_code is not null then jobs.error_message
        when t.transport_state = 'failed' then 'The job''s worker stopped before finishing it (the process died or was stopped, or the job ran past its time limit) and no retries were left.'
        else 'Attempt ' || t.attempts || ' stopped before finishing (its worker died or was stopped, or it ran past its time limit); it will be retried.' end,
      finished_at = case when t.transport_state in ('failed', 'cancelled') then now() end
    from transport t
    where jobs.id = t.id
      and (t.transport_state in ('failed', 'cancelled') or (t.state = 'running' and t.transport_state in ('created', 'retry')))
    returning jobs.id`);
  return rows.length;
}

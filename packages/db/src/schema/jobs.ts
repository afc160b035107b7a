import { sql } from 'drizzle-orm';
import {
  bigint, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns.ts';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The rows `jobs_singleton_idx` keeps unique; `ON CONFLICT` repeats it to infer that index. */
export const unfinishedSingletonJobs = sql`state in ('queued', 'running') and singleton_key is not null`;

/**
 * One row per job of the runner (`@atlas/jobs`): what it is, where it stands and how it ended.
 * pg-boss (schema `pgboss`) only carries the job to a worker; this row is the record people and
 * GraphQL read, so it keeps its history after pg-boss archives and deletes the transport row.
 * `id` is the pg-boss job id; `kind` is its queue. Progress is the latest report of the
 * running attempt; `progress_rate` is units per second over its last ~30 s.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    state: text('state').$type<JobState>().notNull().default('queued'),
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** At most one queued or running job of a kind per key; also finds a key's earlier jobs. */
    singletonKey: text('singleton_key'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    progressDone: doublePrecision('progress_done'),
    progressTotal: doublePrecision('progress_total'),
    progressUnit: text('progress_unit'),
    progressRate: doublePrecision('progress_rate'),
    progressAt: timestamptz('progress_at'),
    result: jsonb('result').$type<unknown>(),
    /** An `ERROR_CODES` code (`@atlas/errors`) and a message written for users; null unless the last attempt failed. */
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_singleton_idx').on(t.kind, t.singletonKey).where(unfinishedSingletonJobs),
    index('jobs_kind_key_idx').on(t.kind, t.singletonKey),
    index('jobs_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('jobs_unfinished_idx').on(t.state).where(sql`state in ('queued', 'running')`),
    check('jobs_state_check', sql`${t.state} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
    check('jobs_attempts_check', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

/**
 * A job's large binary result (say, a statistics shard's partial state) under a name, written
 * after all its chunks: a result exists when this row does, so a worker killed mid-write leaves
 * none. `chunks` bounds which chunk rows belong to it.
 */
export const jobResults = pgTable(
  'job_results',
  {
    jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    chunks: integer('chunks').notNull(),
    byteLength: bigint('byte_length', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.name] })],
);

/** A binary result's bytes in chunks of at most 8 MiB: PGlite's socket server takes one 80 MB value in 25 s, ten 8 MB ones in 2 s. */
export const jobResultChunks = pgTable(
  'job_result_chunks',
  {
    jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    chunk: integer('chunk').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.name, t.chunk] })],
);

import type { AtlasDb } from '@atlas/db';
import { z } from 'zod';
import { describeIssues, JobError } from './job-errors.ts';

/** What a running job gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** 1 on the first attempt; each retry (after a failure or a vanished worker) counts up to `maxAttempts`. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /**
   * Aborted when the job is cancelled, runs past its time limit, is taken over by a retry
   * elsewhere, or the worker is told to stop at once. Check it between units of work
   * (`signal.throwIfAborted()`); the reason is a JobError (CANCELLED or UPSTREAM_FAILED).
   */
  readonly signal: AbortSignal;
  /** Jobs this worker process runs at once (a CPU-heavy kind sizes its thread pool by it). */
  readonly concurrency: number;
  /**
   * The atlas database the queue lives in, for kinds that write rows through `@atlas/db` query
   * modules. Write an attempt's rows in one transaction that first removes what an earlier
   * attempt of the same job left, so a retry replaces rather than duplicates.
   */
  readonly db: AtlasDb;
  /** Reports progress: persisted at most once a poll interval (the latest value wins), with a rate and an ETA for readers. */
  progress(done: number, total?: number | null, unit?: string): void;
  log(line: string): void;
  /** Stores a large binary result (or a checkpoint a retry can resume from) in 8 MiB chunks; it appears whole or not at all. */
  saveBinaryResult(name: string, bytes: Uint8Array): Promise<void>;
  /** A binary result this job stored earlier (in this attempt or a previous one), or null. */
  loadBinaryResult(name: string): Promise<Uint8Array | null>;
}

/** Per-job settings; a kind's `defaults` fill what `enqueue` leaves out. */
export interface JobOptions {
  /** Retries after a failed attempt (default 2: three attempts). Failures a retry cannot fix (bad input, cancellation) are never retried. */
  retryLimit?: number;
  /** An attempt still running this long is aborted and retried elsewhere; pg-boss also expires it when its worker died (default 900, at most 86,400). */
  expireInSeconds?: number;
  /** At most one queued or running job of the kind per key (another enqueue gets CONFLICT); also finds the key's earlier jobs. */
  singletonKey?: string;
}

/** Any payload schema that gives an object (pg-boss carries payloads as JSON objects). */
export type PayloadSchema = z.ZodType<object>;

export interface JobKind<Schema extends PayloadSchema = PayloadSchema, Result = unknown> {
  /** The kind's name, also its pg-boss queue (created by a migration, see README). */
  readonly name: string;
  readonly payload: Schema;
  readonly defaults: Required<Pick<JobOptions, 'retryLimit' | 'expireInSeconds'>>;
  /** Does the work. Its result must be JSON (stored in `jobs.result`); large bytes go through `ctx.saveBinaryResult`. */
  run(payload: z.output<Schema>, ctx: JobContext): Promise<Result>;
}

/** A job kind of any payload and result, as lists of kinds hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = JobKind<any, unknown>;

const KIND_NAME = /^[a-z][a-z0-9-]{0,62}$/;

const jobOptionsSchema = z.object({
  retryLimit: z.number().int().min(0, 'retryLimit must be 0 or more').max(100, 'retryLimit must be at most 100').optional(),
  expireInSeconds: z.number().int().min(1, 'expireInSeconds must be at least 1').max(86_400, 'expireInSeconds must be at most 86,400 (pg-boss allows 24 hours)').optional(),
  singletonKey: z.string().min(1, 'singletonKey must not be empty').max(1_000, 'singletonKey must be at most 1,000 characters').optional(),
});

/** Checks job options (a kind's defaults, or what `enqueue` was given); bad ones are a BAD_USER_INPUT JobError naming each problem. */
export function parseJobOptions(options: unknown): JobOptions {
  const parsed = jobOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new JobError(`Invalid job options: ${describeIssues(parsed.error)}.`, { code: 'BAD_USER_INPUT' });
}

/**
 * A job kind: its name, its payload's zod schema, defaults, and the function that runs it.
 * One runner executes any kind, in-process (`queue.startWorkers`) or in `atlas worker`s.
 *
 * ```ts
 * export const echoJob = defineJobKind({
 *   name: 'echo',
 *   payload: z.object({ text: z.string() }),
 *   run: async ({ text }, ctx) => { ctx.progress(1, 1); return { text }; },
 * });
 * ```
 */
export function defineJobKind<Schema extends PayloadSchema, Result>(definition: {
  name: string;
  payload: Schema;
  defaults?: Pick<JobOptions, 'retryLimit' | 'expireInSeconds'>;
  run: (payload: z.output<Schema>, ctx: JobContext) => Promise<Result>;
}): JobKind<Schema, Result> {
  if (!KIND_NAME.test(definition.name)) {
    throw new JobError(`Job kind name "${definition.name}" must be lowercase letters, digits and hyphens, starting with a letter (it names a pg-boss queue).`);
  }
  const defaults = parseJobOptions(definition.defaults ?? {});
  return {
    name: definition.name,
    payload: definition.payload,
    defaults: { retryLimit: defaults.retryLimit ?? 2, expireInSeconds: defaults.expireInSeconds ?? 900 },
    run: definition.run,
  };
}

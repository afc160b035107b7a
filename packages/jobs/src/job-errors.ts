import type { JobErrorInfo } from '@atlas/db';
import { AtlasError, isAtlasError, type ErrorCode } from '@atlas/errors';
import type { z } from 'zod';

/** Errors of the job runner itself: a bad payload, a conflicting job, a missing queue, a cancelled or timed-out job. */
export class JobError extends AtlasError {
  static override defaultCode: ErrorCode = 'INTERNAL_SERVER_ERROR';
  override readonly name = 'JobError';
}

/** Why an attempt was aborted when a later attempt of its job took over: its outcome is dropped. */
export class AttemptSupersededError extends JobError {
  static override defaultCode = 'UPSTREAM_FAILED' as const;
}

/** Failures that a retry cannot fix: the same input gives the same answer. Everything else is retried while retries last. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'QUERY_TOO_COSTLY', 'CANCELLED',
]);

export const isRetryable = (error: JobErrorInfo) => !PERMANENT.has(error.code);

/** The message a job's record shows for an error that was not written for users (its detail goes to the worker's log). */
export const INTERNAL_MESSAGE = 'The job failed with an internal error; its worker logged the details.';

/**
 * What a job's record keeps of an error: a user-facing AtlasError's code and message as they
 * are; anything else (a bug, an outage) as INTERNAL_SERVER_ERROR with a generic message.
 */
export function storedError(error: unknown): JobErrorInfo {
  if (isAtlasError(error) && error.userFacing) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_MESSAGE };
}

/** Hides a password in a URL shown in messages. */
export const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/** A zod error's problems as one line: `path: message; …`. */
export const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');

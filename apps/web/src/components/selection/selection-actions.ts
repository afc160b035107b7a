'use server';

import { z } from 'zod';
import { isApiError } from '@/lib/graphql';
import { cancelSelectionJob, getSelectionJob, importPool, startSelection, type SelectionJobStatus } from '@/lib/queries/selection';

/**
 * The selection page's server calls (server actions: ATLAS_API_URL is a server-side setting and
 * the API sends no CORS headers). The API checks every limit again; these give the forms the
 * API's own messages and codes.
 */
export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

async function outcome<T>(run: () => Promise<T>): Promise<ActionOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isApiError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

function refused(issues: z.core.$ZodIssue[]): ActionOutcome<never> {
  return { ok: false, code: 'BAD_USER_INPUT', message: issues.map((issue) => issue.message).join(' ') };
}

const ImportInput = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'The pool id takes 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit.'),
  content: z.string().min(1, 'Choose a .jsonl or .csv file.'),
  format: z.enum(['JSONL', 'CSV']),
  skipMalformed: z.boolean(),
});

export async function importPoolAction(input: z.input<typeof ImportInput>) {
  const parsed = ImportInput.safeParse(input);
  if (!parsed.success) return refused(parsed.error.issues);
  return outcome(() => importPool(parsed.data));
}

const StartInput = z.object({
  poolId: z.string().min(1, 'Choose a pool.'),
  saeId: z.string().optional(),
  method: z.enum(['MONA', 'BM25', 'EMBEDDING', 'HIDDEN', 'RANDOM']),
  targets: z.string().trim().min(1, 'Write at least one target example (one per line).'),
  ratio: z.number().gt(0, 'The ratio is in (0, 1].').max(1, 'The ratio is in (0, 1].'),
});

export async function startSelectionAction(input: z.input<typeof StartInput>) {
  const parsed = StartInput.safeParse(input);
  if (!parsed.success) return refused(parsed.error.issues);
  const { targets, saeId, ...rest } = parsed.data;
  const texts = targets.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return outcome(() => startSelection({ ...rest, ...(saeId ? { saeId } : {}), targets: texts }));
}

export async function selectionJobAction(jobId: string): Promise<ActionOutcome<SelectionJobStatus>> {
  return outcome(() => getSelectionJob(jobId));
}

export async function cancelSelectionJobAction(jobId: string): Promise<ActionOutcome<{ state: string }>> {
  return outcome(() => cancelSelectionJob(jobId));
}

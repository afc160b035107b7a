import { existsSync } from 'node:fs';
import path from 'node:path';
import { getModelSourcePaths, getSaesByIds, type AtlasDb, type SaeRow } from '@atlas/db';
import { UserError } from '../errors.ts';
import type { z } from 'zod';
import { compareRequest, type CompareRequest } from './compare-request.ts';

/** Both SAEs' rows, or NOT_FOUND naming the unknown id. */
export async function comparedSaes(db: AtlasDb, saeA: string, saeB: string): Promise<[SaeRow, SaeRow]> {
  const rows = await getSaesByIds(db, [saeA, saeB]);
  const find = (id: string) => {
    const row = rows.find((sae) => sae.id === id);
    if (!row) throw new UserError(`No SAE "${id}" in the atlas (or its build has not finished). List them with { models { saes { id } } }.`, { code: 'NOT_FOUND' });
    return row;
  };
  return [find(saeA), find(saeB)];
}

/**
 * Checks a request against the stored SAEs before any work: unknown ids are NOT_FOUND; decoder
 * directions of different spaces and models with different tokenizers are BAD_USER_INPUT saying
 * which method to use instead. The API calls it before enqueueing, the job again when it runs.
 */
export async function checkComparison(db: AtlasDb, raw: z.input<typeof compareRequest>): Promise<{ request: CompareRequest; a: SaeRow; b: SaeRow }> {
  const parsed = compareRequest.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(`Bad comparison request: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'} ${issue.message}`).join('; ')}.`);
  }
  const request = parsed.data;
  const [a, b] = await comparedSaes(db, request.saeA, request.saeB);
  if (request.method === 'families') {
    requireFamilyPair(a, b);
  } else if (request.method !== 'activation-correlation') {
    const method = request.method === 'aip' ? 'AIP matching' : 'Decoder-cosine matching';
    if (a.dIn !== b.dIn || a.modelId !== b.modelId || a.hookName !== b.hookName) {
      throw new UserError(
        `${method} needs SAEs on the same model and hook, but ${a.id} reads ${a.modelId} ${a.hookName} (d_in ${a.dIn}) and ${b.id} reads ` +
          `${b.modelId} ${b.hookName} (d_in ${b.dIn}): their decoder directions live in different spaces. ` +
          'Compare them by activation correlation over a shared corpus instead (method activation-correlation).',
      );
    }
  } else if (a.modelId !== b.modelId) {
    const dirs = await getModelSourcePaths(db, [a.modelId, b.modelId]);
    const [dirA, dirB] = [dirs.get(a.modelId), dirs.get(b.modelId)];
    // Where the model files are not on this machine, collectAlignedCodes checks when the job runs.
    if (dirA && dirB && existsSync(path.resolve(dirA)) && existsSync(path.resolve(dirB))) await (await import('@atlas/compare')).requireSameTokenizer(path.resolve(dirA), path.resolve(dirB));
  }
  return { request, a, b };
}

/**
 * Families need one residual space and a direction: A's features are the parents, B's (the wider
 * SAE) their children. Anything else is BAD_USER_INPUT saying what to pass instead.
 */
function requireFamilyPair(a: SaeRow, b: SaeRow): void {
  if (a.dIn !== b.dIn || a.modelId !== b.modelId || a.hookName !== b.hookName) {
    throw new UserError(
      `Feature families need two SAEs on the same model and hook, but ${a.id} reads ${a.modelId} ${a.hookName} (d_in ${a.dIn}) and ${b.id} reads ` +
        `${b.modelId} ${b.hookName} (d_in ${b.dIn}). Pick two widths trained on one hook; across models or hooks, compare by activation correlation.`,
    );
  }
  if (a.width >= b.width) {
    throw new UserError(
      `Feature families need SAE A narrower than SAE B (A's features are the parents, B's their children), but ${a.id} has ${a.width} features ` +
        `and ${b.id} has ${b.width}. ${a.width > b.width ? 'Swap A and B.' : 'Equal widths have no parent and child: compare them by decoder-cosine.'}`,
    );
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ModelError } from './errors.ts';

/** The file a model folder may carry: how often each token id occurred in the model's training text. */
export const TOKEN_COUNTS_FILE = 'token_counts.json';

/**
 * The model's training token counts by id, or null when its folder has no `token_counts.json`
 * (most downloaded models: their training data is not at hand). A file that does not match the
 * vocabulary is an error naming the file, not silently ignored.
 */
export function readTrainingTokenCounts(model: { dir: string; vocabSize: number }): Float64Array | null {
  const file = path.join(model.dir, TOKEN_COUNTS_FILE);
  if (!existsSync(file)) return null;
  let counts: unknown;
  try {
    counts = (JSON.parse(readFileSync(file, 'utf8')) as { counts?: unknown }).counts;
  } catch (error) {
    throw new ModelError(`${file} is not JSON (${(error as Error).message}); remove it or rewrite it as {"counts": [one number per token id]}.`);
  }
  if (!Array.isArray(counts) || counts.length !== model.vocabSize || !counts.every((count) => Number.isFinite(count) && count >= 0)) {
    throw new ModelError(`${file} must hold {"counts": [...]} with one non-negative number per token id (${model.vocabSize} ids); remove it or rewrite it.`);
  }
  return Float64Array.from(counts as number[]);
}

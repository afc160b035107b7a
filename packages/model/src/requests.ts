import { ModelError } from './errors.ts';
import type { AbsentHook } from './hooks/hook-point.ts';
import { unknownHookError } from './hooks/unknown-hook.ts';

export interface RunRequest {
  /** Row-major [batch, seqLen] ids, or one array per row (then batch and seqLen may be left out). */
  inputIds: Int32Array | readonly (readonly number[])[];
  batch?: number;
  seqLen?: number;
  /** Hook names to return, e.g. `blocks.2.hook_resid_post` (see `hookNames`). */
  hooks: readonly string[];
  /** Row-major [batch, seqLen], 1 = token, 0 = padding. */
  attentionMask?: ArrayLike<number>;
  /** Also return logits. Off by default: a hook-only run skips every layer after the last hook. */
  logits?: boolean;
}

export interface RunResult {
  /** Per requested hook: [batch * seqLen, width] (width = dModel, or heads × d_head for attn.hook_z), row-major. */
  activations: Record<string, Float32Array>;
  /** [batch * seqLen, vocabSize], when asked for. */
  logits?: Float32Array;
}

export interface SpliceRequest {
  /** Row-major [batch, seqLen] ids, or one array per row. */
  inputIds: Int32Array | readonly (readonly number[])[];
  batch?: number;
  seqLen?: number;
  attentionMask?: ArrayLike<number>;
  /** The hook whose activation is replaced, e.g. `blocks.1.hook_resid_post`. */
  hook: string;
  /**
   * Gets the hook's activation ([batch * seqLen, width], row-major; a copy it may edit in place)
   * and returns the tensor the rest of the model runs on, of the same length.
   */
  replace: (activation: Float32Array) => Float32Array;
  /** Logits are what a splice is for; must be true (kept explicit, like `run`). */
  logits: true;
}

export interface SpliceResult {
  /** The hook's original activation, [batch * seqLen, width]. */
  activation: Float32Array;
  /** [batch * seqLen, vocabSize] from the edited activation. */
  logits: Float32Array;
}

/** What a model's requests are checked against. */
export interface RequestLimits {
  contextLength: number;
  vocabSize: number;
  hookNames: readonly string[];
  absentHooks?: readonly AbsentHook[];
}

/** Checks shapes, context length, hook names and token ids; throws a `ModelError` naming the problem. */
export function validateRequest(
  limits: RequestLimits,
  ids: Int32Array,
  batch: number,
  seqLen: number,
  hooks: readonly string[],
  mask?: ArrayLike<number>,
): void {
  if (!Number.isInteger(batch) || !Number.isInteger(seqLen) || batch < 1 || seqLen < 1) {
    throw new ModelError(`batch and seqLen must be positive integers (got ${batch} × ${seqLen}).`);
  }
  if (ids.length !== batch * seqLen) {
    throw new ModelError(`inputIds has ${ids.length} ids, expected batch × seqLen = ${batch} × ${seqLen}.`);
  }
  if (mask && mask.length !== ids.length) {
    throw new ModelError(`attentionMask has ${mask.length} entries, expected ${ids.length}.`);
  }
  if (seqLen > limits.contextLength) {
    throw new ModelError(`seqLen ${seqLen} is longer than the model's context length ${limits.contextLength}.`);
  }
  const unknown = hooks.find((hook) => !limits.hookNames.includes(hook));
  if (unknown !== undefined) throw unknownHookError(unknown, limits.hookNames, limits.absentHooks);
  for (const id of ids) {
    if (id < 0 || id >= limits.vocabSize) {
      throw new ModelError(`Token id ${id} is outside the vocabulary [0, ${limits.vocabSize}).`);
    }
  }
}

export function flattenIds(request: Pick<RunRequest, 'inputIds' | 'batch' | 'seqLen'>): { inputIds: Int32Array; batch: number; seqLen: number } {
  if (request.inputIds instanceof Int32Array) {
    if (request.batch === undefined || request.seqLen === undefined) {
      throw new ModelError('run() with an Int32Array of ids needs batch and seqLen.');
    }
    return { inputIds: request.inputIds, batch: request.batch, seqLen: request.seqLen };
  }
  const rows = request.inputIds;
  const seqLen = request.seqLen ?? rows[0]?.length ?? 0;
  const ragged = rows.findIndex((row) => row.length !== seqLen);
  if (ragged >= 0) throw new ModelError(`Row ${ragged} has ${rows[ragged]!.length} ids; every row needs ${seqLen}.`);
  if (request.batch !== undefined && request.batch !== rows.length) {
    throw new ModelError(`batch is ${request.batch} but ${rows.length} rows were given.`);
  }
  return { inputIds: Int32Array.from(rows.flat()), batch: rows.length, seqLen };
}

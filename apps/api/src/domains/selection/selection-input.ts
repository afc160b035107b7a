import type { RunSelectionPayload } from '@atlas/select';
import { badUserInput } from '../../errors.ts';
import type { StartSelectionInput } from '../../generated/resolvers-types.ts';

/** What one request may put into a selection job (a larger target set is a target pool). */
export const SELECTION_INPUT_LIMITS = { maxTargets: 1_000, maxTargetCharacters: 10_000, maxNameCharacters: 200 } as const;

/** Upload size `importPool` takes (the request body limit is 1 MB). */
export const MAX_IMPORT_BYTES = 900_000;

/** The GraphQL input as a `select-run` job payload; the request-level limits checked here. */
export function selectionPayload(input: StartSelectionInput, createdBy: number | undefined): RunSelectionPayload {
  const { targets, targetPoolId } = input;
  if ((targets == null) === (targetPoolId == null)) throw badUserInput('startSelection: give the target examples as targets or targetPoolId (one of them).');
  if (targets) {
    if (targets.length > SELECTION_INPUT_LIMITS.maxTargets) {
      throw badUserInput(`startSelection: ${targets.length} targets is more than ${SELECTION_INPUT_LIMITS.maxTargets}; import them as a pool and pass targetPoolId.`);
    }
    const long = targets.findIndex((text) => text.length > SELECTION_INPUT_LIMITS.maxTargetCharacters);
    if (long >= 0) throw badUserInput(`startSelection: targets[${long}] has ${targets[long]!.length} characters; the limit is ${SELECTION_INPUT_LIMITS.maxTargetCharacters}. Shorten it.`);
  }
  if (input.name != null && input.name.length > SELECTION_INPUT_LIMITS.maxNameCharacters) {
    throw badUserInput(`startSelection: name has ${input.name.length} characters; the limit is ${SELECTION_INPUT_LIMITS.maxNameCharacters}.`);
  }
  return {
    poolId: input.poolId,
    method: (input.method ?? 'MONA').toLowerCase(),
    targets: targets ? { texts: targets } : { poolId: targetPoolId! },
    ...(input.saeId == null ? {} : { saeId: input.saeId }),
    ...(input.ratio == null ? {} : { ratio: input.ratio }),
    ...(input.count == null ? {} : { count: input.count }),
    ...(input.similarity == null ? {} : { similarity: input.similarity === 'COSINE' ? 'cosine' : 'jaccard' }),
    ...(input.aggregation == null ? {} : { aggregation: input.aggregation === 'MAX' ? 'max' : 'prototype' }),
    ...(input.seed == null ? {} : { seed: input.seed }),
    ...(input.name == null ? {} : { name: input.name }),
    ...(createdBy === undefined ? {} : { createdBy }),
  };
}

/** A selection id from GraphQL (an integer string); anything else is BAD_USER_INPUT. */
export function parseSelectionId(id: string): number {
  const value = Number(id);
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(value)) throw badUserInput(`selection id ${JSON.stringify(id)} is not a selection id (they are integers, e.g. "12").`);
  return value;
}

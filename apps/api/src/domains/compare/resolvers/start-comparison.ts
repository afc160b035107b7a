import { checkComparison, compareJob, compareSingletonKey } from '@atlas/pipeline/compare';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';
import { storedMethod } from '../methods.ts';

/**
 * Checks the request against the stored SAEs first (NOT_FOUND, BAD_USER_INPUT before anything is
 * queued), then enqueues the `compare` job; one per pair and method at a time (CONFLICT).
 */
export const startComparison: NonNullable<MutationResolvers['startComparison']> = async (_parent, args, ctx) => {
  const { request } = await checkComparison(ctx.db, {
    saeA: args.saeA, saeB: args.saeB, method: storedMethod(args.method),
    ...(args.corpus != null ? { corpus: args.corpus } : {}),
    ...(args.tokens != null ? { tokens: args.tokens } : {}),
    ...(args.seed != null ? { seed: args.seed } : {}),
  });
  return ctx.jobs.enqueue(compareJob, request, { singletonKey: compareSingletonKey(request) });
};

import { findComparison, listComparisons } from '@atlas/db';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../../limits.ts';
import { requireSae } from '../../catalog/lookups.ts';
import { storedMethod } from '../methods.ts';
import { requireComparison } from './lookups.ts';

export const Query: Pick<QueryResolvers, 'compare' | 'comparison' | 'comparisons'> = {
  compare: async (_parent, { saeA, saeB, method }, ctx) => {
    await Promise.all([requireSae(ctx, saeA), requireSae(ctx, saeB)]);
    return findComparison(ctx.db, { saeA, saeB, method: storedMethod(method) });
  },
  comparison: (_parent, { id }, ctx) => requireComparison(ctx, id),
  comparisons: async (_parent, { saeId, first }, ctx) => {
    const limit = pageSize(first, DEFAULT_PAGE_SIZE, 'comparisons');
    if (saeId !== null && saeId !== undefined) await requireSae(ctx, saeId);
    return listComparisons(ctx.db, { limit, ...(saeId ? { saeId } : {}) });
  },
};

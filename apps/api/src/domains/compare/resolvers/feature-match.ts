import { getFeatureMatches } from '@atlas/db';
import type { FeatureMatchConnectionResolvers, FeatureMatchResolvers, FeatureResolvers } from '../../../generated/resolvers-types.ts';
import { encodeMatchCursor, matchPageBounds } from '../match-page.ts';
import { storedMethod } from '../methods.ts';
import { requireComparison } from './lookups.ts';
import { storedFeature } from './stored-feature.ts';

export const FeatureMatch: FeatureMatchResolvers = {
  comparison: (row, _args, ctx) => requireComparison(ctx, String(row.runId)),
  featureA: (row, _args, ctx) => storedFeature(ctx, row.saeA, row.indexA),
  featureB: (row, _args, ctx) => storedFeature(ctx, row.saeB, row.indexB),
  containment: (row) => row.containment,
};

export const FeatureMatchConnection: FeatureMatchConnectionResolvers = {
  edges: (page) => page.rows.map((node, i) => ({ cursor: encodeMatchCursor(page.offset + i), node })),
  pageInfo: (page) => ({
    hasNextPage: page.offset + page.rows.length < page.totalCount,
    hasPreviousPage: page.offset > 0,
    startCursor: page.rows.length > 0 ? encodeMatchCursor(page.offset) : null,
    endCursor: page.rows.length > 0 ? encodeMatchCursor(page.offset + page.rows.length - 1) : null,
  }),
  totalCount: (page) => page.totalCount,
};

/** `Feature.matches`: the same feature elsewhere. */
export const Feature: Pick<FeatureResolvers, 'matches'> = {
  matches: async (feature, args, ctx) => {
    const { limit, offset } = matchPageBounds(args, 10, 'matches');
    const page = await getFeatureMatches(ctx.db, feature.id, { method: storedMethod(args.method), limit, offset });
    return { ...page, offset };
  },
};

import type { FeatureConnectionResolvers } from '../../../generated/resolvers-types.ts';
import { encodeCursor } from '../../../cursor.ts';

export const FeatureConnection: FeatureConnectionResolvers = {
  edges: (page) => page.features.map((node) => ({ cursor: encodeCursor(node.index), node })),
  pageInfo: (page) => {
    const first = page.features[0];
    const last = page.features[page.features.length - 1];
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: first ? encodeCursor(first.index) : null,
      endCursor: last ? encodeCursor(last.index) : null,
    };
  },
  totalCount: (page, _args, ctx) => page.totalCount ?? ctx.loaders.catalog.featureCounts.load(page.saeId),
};

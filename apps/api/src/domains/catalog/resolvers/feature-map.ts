import { listMapClusters } from '@atlas/db';
import type { FeatureMapResolvers } from '../../../generated/resolvers-types.ts';

export const FeatureMap: FeatureMapResolvers = {
  clusters: (page, _args, ctx) => listMapClusters(ctx.db, page.saeId),
};

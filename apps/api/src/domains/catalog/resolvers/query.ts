import { listModels, listSaes } from '@atlas/db';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadFeaturePage } from '../feature-page.ts';
import { requireFeature, requireModel, requireSae } from '../lookups.ts';

export const Query: QueryResolvers = {
  models: (_parent, _args, ctx) => listModels(ctx.db),
  model: (_parent, { id }, ctx) => requireModel(ctx, id),
  saes: async (_parent, { modelId }, ctx) => {
    if (modelId !== null && modelId !== undefined) await requireModel(ctx, modelId);
    return listSaes(ctx.db, modelId ? { modelId } : {});
  },
  sae: (_parent, { id }, ctx) => requireSae(ctx, id),
  feature: (_parent, { id }, ctx) => requireFeature(ctx, id),
  features: async (_parent, { saeId, first, after, orderBy, quality, labelContains }, ctx) => {
    const sae = await requireSae(ctx, saeId);
    return loadFeaturePage(ctx, sae.id, { first, after, orderBy, quality, labelContains }, 'features');
  },
};

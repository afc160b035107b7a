import type { SaeResolvers } from '../../../generated/resolvers-types.ts';
import { loadFeatureMap } from '../feature-map.ts';
import { loadFeaturePage } from '../feature-page.ts';
import { requireModel } from '../lookups.ts';

export const Sae: SaeResolvers = {
  model: (sae, _args, ctx) => requireModel(ctx, sae.modelId),
  createdAt: (sae) => sae.createdAt.toISOString(),
  features: (sae, { first, after, orderBy, quality, labelContains }, ctx) =>
    loadFeaturePage(ctx, sae.id, { first, after, orderBy, quality, labelContains }, 'Sae.features'),
  map: (sae, args, ctx) => loadFeatureMap(ctx, sae.id, args),
};

import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { requireSae } from '../../catalog/lookups.ts';

/**
 * `Query.featuresForText`: the SAE looked up first (NOT_FOUND), then its model's and its own
 * folders and the atlas densities, then the text runs in the search service's queue. The text,
 * topK and densityMax are checked by @atlas/search before the model runs.
 */
export const featuresForText: NonNullable<QueryResolvers['featuresForText']> = async (_parent, args, ctx) => {
  const sae = await requireSae(ctx, args.saeId);
  const [modelPath, saePath, densities] = await Promise.all([
    ctx.loaders.steering.modelSourcePaths.load(sae.modelId),
    ctx.loaders.search.saeWeightsPaths.load(sae.id),
    ctx.loaders.search.densities.load(sae.id),
  ]);
  const result = await ctx.search.featuresForText({
    saeId: sae.id, modelId: sae.modelId, modelPath, saePath, text: args.text, densities, signal: ctx.request.signal,
    ...(args.topK != null ? { topK: args.topK } : {}),
    ...(args.densityMax != null ? { densityMax: args.densityMax } : {}),
  });
  return { ...result, saeId: sae.id };
};

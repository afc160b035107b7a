import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { formatFeatureId } from '@atlas/ids';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { notFound } from '../../../errors.ts';
import { requireFeature, requireSae } from '../../catalog/lookups.ts';
import { parseSteerArgs } from '../steer-args.ts';

/**
 * `Query.steer`: arguments checked first (no model is loaded for a bad request), then the
 * viewer's steering rate limit, then the service's queue. A run with a random seed is not cached.
 */
export const steer: NonNullable<QueryResolvers['steer']> = async (_parent, args, ctx, info) => {
  const input = parseSteerArgs(args);
  if (input.temperature > 0 && input.seed === null) maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0 });
  const refused = await ctx.rateLimits.admitSteer(ctx.viewer, ctx.request);
  if (refused) throw refused.error;
  const feature = await requireFeature(ctx, args.featureId);
  const sae = await requireSae(ctx, feature.saeId);
  const [decoder, sourcePath] = await Promise.all([
    ctx.loaders.catalog.decoderVectors.load(feature.id),
    ctx.loaders.steering.modelSourcePaths.load(sae.modelId),
  ]);
  if (!decoder) throw notFound(`No decoder vector is stored for feature "${formatFeatureId(feature)}", so it cannot steer.`);
  const outcome = await ctx.steering.steer({
    ...input,
    modelId: sae.modelId,
    sourcePath,
    hookName: sae.hookName,
    direction: Float32Array.from(decoder),
    signal: ctx.request.signal,
  });
  return { feature, ...outcome };
};

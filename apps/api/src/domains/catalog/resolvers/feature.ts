import { formatFeatureId } from '@atlas/ids';
import type { CoactivatingFeatureResolvers, FeatureNeighbourResolvers, FeatureResolvers } from '../../../generated/resolvers-types.ts';
import { notFound } from '../../../errors.ts';
import { DEFAULT_TOP_ACTIVATIONS, pageSize } from '../../../limits.ts';
import { requireSae } from '../lookups.ts';

/** A feature with no non-zero activations has an empty histogram. */
const EMPTY_HISTOGRAM = { edges: [], counts: [], total: 0 };

export const Feature: FeatureResolvers = {
  id: (feature) => formatFeatureId(feature),
  sae: (feature, _args, ctx) => requireSae(ctx, feature.saeId),
  topActivations: (feature, { first }, ctx) => {
    const limit = pageSize(first, DEFAULT_TOP_ACTIVATIONS, 'topActivations');
    return ctx.loaders.catalog.topActivations(limit).load(feature.id);
  },
  histogram: async (feature, _args, ctx) =>
    (await ctx.loaders.catalog.histograms.load(feature.id)) ?? { featureId: feature.id, ...EMPTY_HISTOGRAM },
  quantileExamples: (feature, _args, ctx) => ctx.loaders.catalog.quantileExamples.load(feature.id),
  decoderVector: async (feature, _args, ctx) => {
    const vector = await ctx.loaders.catalog.decoderVectors.load(feature.id);
    if (!vector) throw notFound(`No decoder vector is stored for feature "${formatFeatureId(feature)}".`);
    return vector;
  },
  label: (feature, _args, ctx) => ctx.loaders.catalog.labels.load(feature.id),
  decoderNeighbours: (feature, _args, ctx) => ctx.loaders.catalog.decoderNeighbours.load(feature.id),
  coactivatingFeatures: (feature, _args, ctx) => ctx.loaders.catalog.coactivatingFeatures.load(feature.id),
  mapPosition: (feature, _args, ctx) => ctx.loaders.catalog.mapPositions.load(feature.id),
  headAttribution: (feature, _args, ctx) => ctx.loaders.catalog.headAttributions.load(feature.id),
  logitEffects: async (feature, _args, ctx) =>
    (await ctx.loaders.catalog.logitEffects.load(feature.id)) ?? { featureId: feature.id, positive: [], negative: [] },
};

export const FeatureNeighbour: FeatureNeighbourResolvers = {
  feature: (row) => row.neighbour,
  cosine: (row) => row.score,
};

export const CoactivatingFeature: CoactivatingFeatureResolvers = {
  feature: (row) => row.neighbour,
  jaccard: (row) => row.score,
};

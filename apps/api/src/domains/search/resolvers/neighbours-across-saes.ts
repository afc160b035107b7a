import type { FeatureResolvers } from '../../../generated/resolvers-types.ts';
import { badUserInput } from '../../../errors.ts';
import { requireFeature } from '../../catalog/lookups.ts';

export const MAX_NEIGHBOURS_PER_SAE = 10;

/** `Feature.decoderNeighboursAcrossSaes`: as FeatureNeighbour rows (rank, cosine as score, the neighbour feature). */
export const decoderNeighboursAcrossSaes: NonNullable<FeatureResolvers['decoderNeighboursAcrossSaes']> = async (feature, { perSae }, ctx) => {
  const limit = perSae ?? 3;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEIGHBOURS_PER_SAE) {
    throw badUserInput(`decoderNeighboursAcrossSaes(perSae: ${limit}) is out of range: perSae must be between 1 and ${MAX_NEIGHBOURS_PER_SAE}.`);
  }
  const neighbours = await ctx.loaders.search.neighboursAcrossSaes(limit).load(feature.id);
  return Promise.all(neighbours.map(async (row, rank) => ({
    rank, score: row.cosine, neighbour: await requireFeature(ctx, `${row.saeId}/${row.index}`),
  })));
};

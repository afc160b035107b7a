import type { Resolvers } from '../../generated/resolvers-types.ts';

/** `Label.scores` (batched per request) and the LabelScore fields from a stored row. */
export const labelScoreResolvers: Resolvers = {
  Label: {
    scores: (label, _args, ctx) => ctx.loaders.labelScores.scoresOfLabel.load(label.id),
  },
  LabelScore: {
    version: (row) => row.scorerVersion,
    positives: (row) => row.nPos,
    negatives: (row) => row.nNeg,
    scoredAt: (row) => row.createdAt.toISOString(),
  },
};

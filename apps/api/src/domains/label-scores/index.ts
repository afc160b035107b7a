import { defineDomain, readSchema } from '../domain.ts';
import { createLabelScoreLoaders } from './loaders.ts';

/**
 * Label scores (issue 16 item 3): `Label.scores`, written offline by `atlas score-labels` and the
 * demo build (@atlas/label-scores). Read-only here; the feature list's LABEL_SCORE order is the catalog's.
 */
export const labelScores = defineDomain({
  name: 'labelScores',
  typeDefs: readSchema(import.meta.url),
  resolvers: {
    Label: {
      scores: (label, _args, ctx) => ctx.loaders.labelScores.scoresOfLabel.load(label.id),
    },
    LabelScore: {
      version: (row) => row.scorerVersion,
      positives: (row) => row.nPos,
      negatives: (row) => row.nNeg,
      scoredAt: (row) => row.createdAt.toISOString(),
    },
  },
  createLoaders: createLabelScoreLoaders,
});

import { defineDomain, readSchema } from '../domain.ts';
import { createLabelScoreLoaders } from './loaders.ts';
import { labelScoreResolvers } from './resolvers.ts';

/**
 * Label scores (issue 16 item 3): `Label.scores`, written offline by `atlas score-labels` and the
 * demo build (@atlas/label-scores). Read-only here; the feature list's LABEL_SCORE order is the catalog's.
 */
export const labelScores = defineDomain({
  name: 'labelScores',
  typeDefs: readSchema(import.meta.url),
  resolvers: labelScoreResolvers,
  createLoaders: createLabelScoreLoaders,
});

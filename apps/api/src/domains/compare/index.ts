import { compareJob } from '@atlas/pipeline/compare';
import { defineDomain, readSchema } from '../domain.ts';
import { createCompareLoaders } from './loaders.ts';
import { Comparison } from './resolvers/comparison.ts';
import { FamilyMember, Feature as FeatureFamilyField, FeatureFamily } from './resolvers/feature-family.ts';
import { Feature as FeatureMatchesField, FeatureMatch, FeatureMatchConnection } from './resolvers/feature-match.ts';
import { Query } from './resolvers/query.ts';
import { Sae } from './resolvers/sae-atoms.ts';
import { startComparison } from './resolvers/start-comparison.ts';

/**
 * Comparisons across SAEs and models (issue 12): stored runs of the `compare` job (@atlas/pipeline,
 * computed by @atlas/compare) — summaries with nulls, paged match edges, `Feature.matches`,
 * `Feature.family` (parents and children across widths, from families runs), and
 * `startComparison`, which queues the job (the API's workers or `atlas worker` run it).
 */
export const compare = defineDomain({
  name: 'compare',
  typeDefs: readSchema(import.meta.url),
  resolvers: {
    Query, Mutation: { startComparison }, Feature: { ...FeatureMatchesField, ...FeatureFamilyField }, Sae, Comparison, FeatureMatch, FeatureMatchConnection,
    FeatureFamily, FamilyMember,
  },
  createLoaders: createCompareLoaders,
  jobKinds: [compareJob],
});

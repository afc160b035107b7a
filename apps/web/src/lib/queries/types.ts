/**
 * Shapes shared by several components, derived from the generated operation types
 * (src/generated/operations.ts, from apps/api/schema/schema.graphql and the queries here).
 */
import type { ActivationExampleFieldsFragment, FeatureQuantileExamplesQuery, FeatureViewQuery } from '../../generated/operations';

/** One top-activating context of a feature. */
export type ActivationExample = ActivationExampleFieldsFragment;

/** A feature's activation histogram. */
export type Histogram = FeatureViewQuery['feature']['histogram'];

/** One quantile bin of a feature with its examples. */
export type QuantileBin = FeatureQuantileExamplesQuery['feature']['quantileExamples'][number];

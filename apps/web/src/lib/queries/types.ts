/**
 * Shapes shared by several components, derived from the generated operation types
 * (src/generated/operations.ts, from apps/api/schema/schema.graphql and the queries here).
 */
import type { FeatureViewQuery } from '../../generated/operations';

/** One top-activating context of a feature. */
export type ActivationExample = FeatureViewQuery['feature']['topActivations'][number];

/** A feature's activation histogram. */
export type Histogram = FeatureViewQuery['feature']['histogram'];

/** One quantile bin of a feature with its examples. */
export type QuantileBin = FeatureViewQuery['feature']['quantileExamples'][number];

/**
 * Shapes shared by several components, derived from the generated operation types
 * (src/generated/operations.ts, from apps/api/schema/schema.graphql and the queries here).
 */
import type { FeatureDetailQuery } from '../../generated/operations';

/** One top-activating context of a feature. */
export type ActivationExample = FeatureDetailQuery['feature']['topActivations'][number];

/** A feature's activation histogram. */
export type Histogram = FeatureDetailQuery['feature']['histogram'];

/** One quantile bin of a feature with its examples. */
export type QuantileBin = FeatureDetailQuery['feature']['quantileExamples'][number];

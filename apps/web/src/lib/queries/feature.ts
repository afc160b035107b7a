import { cache } from 'react';
import { operation, request } from '../graphql';
import type {
  FeatureDetailQuery,
  FeatureDetailQueryVariables,
  FeatureSummaryQuery,
  FeatureSummaryQueryVariables,
} from '../../generated/operations';

/** Header facts for a feature (generated from the FeatureSummary query below). */
export type FeatureSummary = FeatureSummaryQuery['feature'];
/** Histogram, top activations, quantile examples, decoder and co-activation neighbours, map position, logit effects and head shares (generated from the FeatureDetail query below). */
export type FeatureDetail = FeatureDetailQuery['feature'];

const FEATURE_SUMMARY = operation<FeatureSummaryQuery, FeatureSummaryQueryVariables>(/* GraphQL */ `
  query FeatureSummary($id: ID!) {
    feature(id: $id) {
      id
      index
      density
      maxActivation
      meanActivation
      encoderDecoderCosine
      isDead
      isDense
      label { text source method authorModel updatedAt }
      sae {
        id
        hookName
        architecture
        width
        statisticsTokens
        corpusName
        model { id displayName }
      }
    }
  }
`);

const FEATURE_DETAIL = operation<FeatureDetailQuery, FeatureDetailQueryVariables>(/* GraphQL */ `
  query FeatureDetail($id: ID!, $first: Int) {
    feature(id: $id) {
      id
      maxActivation
      histogram { edges counts total }
      topActivations(first: $first) { rank maxValue maxPosition tokens values corpusName }
      quantileExamples { lower upper count examples { rank maxValue maxPosition tokens values corpusName } }
      decoderNeighbours { cosine feature { id index label { text } } }
      coactivatingFeatures { jaccard feature { id index label { text } } }
      mapPosition { x y }
      logitEffects { positive { token value } negative { token value } }
      headAttribution { head share }
    }
  }
`);

export const TOP_ACTIVATION_COUNT = 20;

/** Header facts for a feature; NOT_FOUND for an unknown id. Memoised per request. */
export const getFeatureSummary = cache(async (id: string): Promise<FeatureSummary> => {
  const data = await request(FEATURE_SUMMARY, { id }, { cached: true });
  return data.feature;
});

/** The feature page's evidence; shared by its streamed sections. */
export const getFeatureDetail = cache(async (id: string): Promise<FeatureDetail> => {
  const data = await request(FEATURE_DETAIL, { id, first: TOP_ACTIVATION_COUNT }, { cached: true });
  return data.feature;
});

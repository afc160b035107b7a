import { cache } from 'react';
import { operation, request } from '../graphql';
import type {
  FeatureRelationsQuery, FeatureRelationsQueryVariables, FeatureViewQuery, FeatureViewQueryVariables,
} from '../../generated/operations';
import { FEATURE_MATCHES_FIELDS } from './comparison';
import { FEATURE_FAMILY_FIELDS } from './feature-family';

/**
 * Everything the feature page shows of the feature itself (generated from the FeatureView query
 * below): the header's facts, histogram, top activations, quantile examples, decoder and
 * co-activation neighbours, map position, logit effects and head shares.
 */
export type FeatureView = FeatureViewQuery['feature'];

const FEATURE_VIEW = operation<FeatureViewQuery, FeatureViewQueryVariables>(/* GraphQL */ `
  query FeatureView($id: ID!, $first: Int) {
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

const FEATURE_RELATIONS = operation<FeatureRelationsQuery, FeatureRelationsQueryVariables>(/* GraphQL */ `
  query FeatureRelations($id: ID!) {
    feature(id: $id) {
      id
      index
      sae { id }
      label { text }
      ...FeatureMatchesFields
      ...FeatureFamilyFields
    }
  }
  ${FEATURE_MATCHES_FIELDS}
  ${FEATURE_FAMILY_FIELDS}
`);

export const TOP_ACTIVATION_COUNT = 20;

/**
 * The feature page's data about the feature, in one request shared by its sections (memoised per
 * render); NOT_FOUND for an unknown id. One request, not a header's and a detail's: each API call
 * costs the API and `next start` ~1 ms of CPU before any data, and the page needed the header's and
 * the detail's before its first flush anyway.
 */
export const getFeatureView = cache(async (id: string): Promise<FeatureView> => {
  const data = await request(FEATURE_VIEW, { id, first: TOP_ACTIVATION_COUNT }, { cached: true });
  return data.feature;
});

/** The feature's matches in other SAEs and its family across widths (the two fragments, from comparison.ts and feature-family.ts). */
export type FeatureRelations = FeatureRelationsQuery['feature'];

/**
 * The page's two sections below the fold about other SAEs, in one request shared by both: they
 * stream after the first flush, so comparisons (several statements each) never hold up the first
 * screen, at one API call rather than two.
 */
export const getFeatureRelations = cache(async (id: string): Promise<FeatureRelations> => {
  const data = await request(FEATURE_RELATIONS, { id }, { cached: true });
  return data.feature;
});

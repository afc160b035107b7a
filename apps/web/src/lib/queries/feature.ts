import { cache } from 'react';
import { operation, request } from '../graphql';
import type {
  FeatureQuantileExamplesQuery, FeatureQuantileExamplesQueryVariables, FeatureRelationsQuery, FeatureRelationsQueryVariables,
  FeatureTopActivationsQuery, FeatureTopActivationsQueryVariables, FeatureViewQuery, FeatureViewQueryVariables,
} from '../../generated/operations';
import { FEATURE_MATCHES_FIELDS } from './comparison';
import { FEATURE_FAMILY_FIELDS } from './feature-family';

/**
 * What the feature page shows of the feature itself on arrival (generated from the FeatureView
 * query below): the header's facts, histogram, the first top activations, decoder and
 * co-activation neighbours, map position, logit effects and head shares. The collapsed examples
 * (more top activations, examples across the range) come with their own requests when opened.
 */
export type FeatureView = FeatureViewQuery['feature'];

/** The fields of one activating context, wherever the page shows contexts in full. */
const ACTIVATION_EXAMPLE_FIELDS = /* GraphQL */ `
  fragment ActivationExampleFields on ActivationExample { rank maxValue maxPosition tokens values corpusName }
`;

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
      topActivations(first: $first) { ...ActivationExampleFields }
      decoderNeighbours { cosine feature { id index label { text } } }
      coactivatingFeatures { jaccard feature { id index label { text } } }
      mapPosition { x y }
      logitEffects { positive { token value } negative { token value } }
      headAttribution { head share }
    }
  }
  ${ACTIVATION_EXAMPLE_FIELDS}
`);

const FEATURE_TOP_ACTIVATIONS = operation<FeatureTopActivationsQuery, FeatureTopActivationsQueryVariables>(/* GraphQL */ `
  query FeatureTopActivations($id: ID!, $first: Int) {
    feature(id: $id) { id maxActivation topActivations(first: $first) { ...ActivationExampleFields } }
  }
  ${ACTIVATION_EXAMPLE_FIELDS}
`);

const FEATURE_QUANTILE_EXAMPLES = operation<FeatureQuantileExamplesQuery, FeatureQuantileExamplesQueryVariables>(/* GraphQL */ `
  query FeatureQuantileExamples($id: ID!) {
    feature(id: $id) { id maxActivation quantileExamples { lower upper count examples { ...ActivationExampleFields } } }
  }
  ${ACTIVATION_EXAMPLE_FIELDS}
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

/** Top activations shown on arrival: with the side panel they fit the first screen of a laptop. */
export const TOP_ACTIVATIONS_SHOWN = 8;
/** Top activations behind "more", counting those shown on arrival. */
export const TOP_ACTIVATION_COUNT = 20;

/**
 * The feature page's data about the feature, in one request shared by its sections (memoised per
 * render); NOT_FOUND for an unknown id. One request, not a header's and a detail's: each API call
 * costs the API and `next start` ~1 ms of CPU before any data, and the page needed the header's and
 * the detail's before its first flush anyway. One top activation more than is shown says whether
 * there are more behind the disclosure.
 */
export const getFeatureView = cache(async (id: string): Promise<FeatureView> => {
  const data = await request(FEATURE_VIEW, { id, first: TOP_ACTIVATIONS_SHOWN + 1 }, { cached: true });
  return data.feature;
});

/** The feature's top activations, all TOP_ACTIVATION_COUNT of them: asked for only when "more" is opened. */
export const getFeatureTopActivations = cache(async (id: string): Promise<FeatureTopActivationsQuery['feature']> => {
  const data = await request(FEATURE_TOP_ACTIVATIONS, { id, first: TOP_ACTIVATION_COUNT }, { cached: true });
  return data.feature;
});

/** The feature's quantile bins with their contexts: asked for only when "examples across the range" is opened. */
export const getFeatureQuantileExamples = cache(async (id: string): Promise<FeatureQuantileExamplesQuery['feature']> => {
  const data = await request(FEATURE_QUANTILE_EXAMPLES, { id }, { cached: true });
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

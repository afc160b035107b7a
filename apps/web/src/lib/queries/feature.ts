import { cache } from 'react';
import { operation, request } from '../graphql';
import type { FeatureViewQuery, FeatureViewQueryVariables } from '../../generated/operations';
import { FEATURE_MATCHES_FIELDS } from './comparison';
import { FEATURE_FAMILY_FIELDS } from './feature-family';

/**
 * Everything the feature page shows of the feature itself (generated from the FeatureView query
 * below): the header's facts, histogram, top activations, quantile examples, decoder and
 * co-activation neighbours, map position, logit effects, head shares, matches in other SAEs
 * (comparison.ts's fragment) and family across widths (feature-family.ts's fragment).
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
 * the detail's before its first flush anyway; matches and family come along for the same reason.
 */
export const getFeatureView = cache(async (id: string): Promise<FeatureView> => {
  const data = await request(FEATURE_VIEW, { id, first: TOP_ACTIVATION_COUNT }, { cached: true });
  return data.feature;
});

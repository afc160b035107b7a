import { cache } from 'react';
import { operation, request } from '../graphql';
import type {
  ComparisonPageQuery,
  ComparisonPageQueryVariables,
  FeatureMatchesFieldsFragment,
  SaeComparisonsQuery,
  SaeComparisonsQueryVariables,
} from '../../generated/operations';

/** A stored comparison with its figures, score histogram and one page of match edges (generated from the query below). */
export type ComparisonPage = ComparisonPageQuery['comparison'];
export type ComparisonMatchEdge = ComparisonPage['matches']['edges'][number]['node'];
/** The feature page's "same feature elsewhere" (generated from the FeatureMatchesFields fragment below). */
export type FeatureMatches = FeatureMatchesFieldsFragment;

export const MATCHES_PER_PAGE = 25;

const COMPARISON_PAGE = operation<ComparisonPageQuery, ComparisonPageQueryVariables>(/* GraphQL */ `
  query ComparisonPage($id: ID!, $first: Int, $after: String) {
    comparison(id: $id) {
      id
      method
      approximate
      matchCount
      createdAt
      saeA { id width model { id displayName } }
      saeB { id width model { id displayName } }
      params { name value }
      figures { name value description pValue null { kind draws mean sd max } }
      scoreHistogram(bins: 20) { lower upper counts }
      matches(first: $first, after: $after, assignedOnly: true) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
          score mutual
          featureA { id index label { text } topActivations(first: 1) { tokens values maxPosition maxValue } }
          featureB { id index label { text } topActivations(first: 1) { tokens values maxPosition maxValue } }
        } }
      }
    }
  }
`);

/**
 * The feature page's "same feature elsewhere", as fields of a feature: the page's request for the
 * feature's relations (queries/feature.ts, FeatureRelations) spreads this fragment beside the family's.
 */
export const FEATURE_MATCHES_FIELDS = /* GraphQL */ `
  fragment FeatureMatchesFields on Feature {
    decoderCosine: matches(method: DECODER_COSINE, first: 5) { ...MatchList }
    aip: matches(method: AIP, first: 5) { ...MatchList }
    activationCorrelation: matches(method: ACTIVATION_CORRELATION, first: 5) { ...MatchList }
  }
  fragment MatchList on FeatureMatchConnection {
    totalCount
    edges { node {
      score mutual assigned
      comparison { id }
      featureA { id index sae { id } label { text } }
      featureB { id index sae { id } label { text } }
    } }
  }
`;

/** One comparison page; NOT_FOUND for an unknown id. Memoised per request. */
export const getComparisonPage = cache(async (id: string, after?: string): Promise<ComparisonPage> => {
  const data = await request(COMPARISON_PAGE, { id, first: MATCHES_PER_PAGE, ...(after ? { after } : {}) });
  return data.comparison;
});

export type SaeComparison = SaeComparisonsQuery['comparisons'][number];

const SAE_COMPARISONS = operation<SaeComparisonsQuery, SaeComparisonsQueryVariables>(/* GraphQL */ `
  query SaeComparisons($id: ID!) {
    comparisons(saeId: $id, first: 20) { id method saeA { id } saeB { id } figures { name value } }
  }
`);

/** The latest comparisons with this SAE on either side. */
export const getSaeComparisons = cache(async (saeId: string): Promise<SaeComparison[]> => {
  const data = await request(SAE_COMPARISONS, { id: saeId });
  return data.comparisons;
});

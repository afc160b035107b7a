import { operation, request } from '../graphql';
import type {
  FeaturesForTextQuery, FeaturesForTextQueryVariables, SearchFeaturesQuery, SearchFeaturesQueryVariables,
} from '../../generated/operations';

/** A page of search results (generated from the SearchFeatures query below). */
export type SearchPage = SearchFeaturesQuery['searchFeatures'];
export type SearchResult = SearchPage['edges'][number];
export type TextAnswer = FeaturesForTextQuery['featuresForText'];

const SEARCH_FEATURES = operation<SearchFeaturesQuery, SearchFeaturesQueryVariables>(/* GraphQL */ `
  query SearchFeatures($query: String!, $mode: SearchMode, $filter: FeatureSearchFilter, $first: Int, $after: String) {
    searchFeatures(query: $query, mode: $mode, filter: $filter, first: $first, after: $after) {
      mode
      expansions
      notices
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        score
        match { part labelSource text highlights { start end } }
        node {
          id
          index
          density
          maxActivation
          sae { id }
          label { text source }
          topActivations(first: 1) { maxPosition tokens values }
        }
      }
    }
  }
`);

/** One page of features matching a query; BAD_USER_INPUT (an empty query, a bad cursor) is the caller's to show. */
export async function searchFeatures(variables: SearchFeaturesQueryVariables): Promise<SearchPage> {
  const data = await request(SEARCH_FEATURES, variables);
  return data.searchFeatures;
}

const FEATURES_FOR_TEXT = operation<FeaturesForTextQuery, FeaturesForTextQueryVariables>(/* GraphQL */ `
  query FeaturesForText($saeId: ID!, $text: String!, $topK: Int) {
    featuresForText(saeId: $saeId, text: $text, topK: $topK) {
      notice
      windows { count windowed }
      densityFilter { max excludedFeatures }
      tokens { position token features { index value } }
      features {
        index
        total
        maxValue
        maxPosition
        tokenCount
        feature { id density label { text } }
      }
    }
  }
`);

/** The SAE run on a text: tokens with their strongest features, and the features of the whole text. */
export async function featuresForText(variables: FeaturesForTextQueryVariables): Promise<TextAnswer> {
  const data = await request(FEATURES_FOR_TEXT, variables);
  return data.featuresForText;
}

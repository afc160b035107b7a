import { operation, request } from '../graphql';
import type { FeaturePageQuery, FeaturePageQueryVariables } from '../../generated/operations';

/** One page of an SAE's feature list (generated from the FeaturePage query below). */
export type FeaturePage = FeaturePageQuery['features'];
/** One row of an SAE's feature list, with the top example for a preview. */
export type FeatureListItem = FeaturePage['edges'][number]['node'];

const FEATURE_PAGE = operation<FeaturePageQuery, FeaturePageQueryVariables>(/* GraphQL */ `
  query FeaturePage($saeId: ID!, $first: Int, $after: String, $orderBy: FeatureOrder, $quality: FeatureQuality, $labelContains: String) {
    features(saeId: $saeId, first: $first, after: $after, orderBy: $orderBy, quality: $quality, labelContains: $labelContains) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor
        node {
          id
          index
          density
          maxActivation
          label { text source }
          topActivations(first: 1) { maxValue maxPosition tokens values }
        }
      }
    }
  }
`);

/** One page of an SAE's features in the asked order and filter (cursor pagination). */
export async function getFeaturePage(variables: FeaturePageQueryVariables): Promise<FeaturePage> {
  const data = await request(FEATURE_PAGE, variables);
  return data.features;
}

import { operation, request } from '../graphql';
import type { ActivationExample, Label, PageInfo } from './types';

/** One row of an SAE's feature list, with the top example for a preview. */
export interface FeatureListItem {
  id: string;
  index: number;
  density: number;
  maxActivation: number;
  label: Pick<Label, 'text' | 'source'> | null;
  topActivations: Pick<ActivationExample, 'maxValue' | 'maxPosition' | 'tokens' | 'values'>[];
}

export interface FeaturePage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: FeatureListItem }[];
}

export interface FeaturePageVariables {
  saeId: string;
  first: number;
  after: string | null;
}

const FEATURE_PAGE = operation<{ features: FeaturePage }, FeaturePageVariables>(/* GraphQL */ `
  query FeaturePage($saeId: ID!, $first: Int, $after: String) {
    features(saeId: $saeId, first: $first, after: $after) {
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

/** One page of an SAE's features, ordered by index (cursor pagination). */
export async function getFeaturePage(variables: FeaturePageVariables): Promise<FeaturePage> {
  const data = await request(FEATURE_PAGE, variables);
  return data.features;
}

import { cache } from 'react';
import { operation, request } from '../graphql';
import type { FeatureFamilyQuery, FeatureFamilyQueryVariables } from '../../generated/operations';

/** A feature's parents in narrower SAEs and children in wider ones (generated from the query below); null when it has none stored. */
export type FeatureFamily = NonNullable<FeatureFamilyQuery['feature']['family']>;
export type FamilyMember = FeatureFamily['parents'][number];

const FEATURE_FAMILY = operation<FeatureFamilyQuery, FeatureFamilyQueryVariables>(/* GraphQL */ `
  query FeatureFamily($id: ID!) {
    feature(id: $id) {
      id
      index
      sae { id }
      label { text }
      family {
        parents { ...FamilyMemberFields }
        children { ...FamilyMemberFields }
      }
    }
  }
  fragment FamilyMemberFields on FamilyMember {
    cosine
    containment
    comparison { id }
    feature { id index sae { id } label { text } }
  }
`);

/** The feature and its family across widths (from stored FAMILIES comparisons). Memoised per request. */
export const getFeatureFamily = cache(async (id: string): Promise<FeatureFamilyQuery['feature']> => {
  const data = await request(FEATURE_FAMILY, { id }, { cached: true });
  return data.feature;
});

import type { FamilyMemberFieldsFragment, FeatureFamilyFieldsFragment } from '../../generated/operations';

/** A feature's parents in narrower SAEs and children in wider ones (generated from the fragment below); null when it has none stored. */
export type FeatureFamily = NonNullable<FeatureFamilyFieldsFragment['family']>;
export type FamilyMember = FamilyMemberFieldsFragment;

/**
 * The feature's family across widths (from stored FAMILIES comparisons), as fields of a feature:
 * the page's request for the feature's relations (queries/feature.ts, FeatureRelations) spreads this fragment.
 */
export const FEATURE_FAMILY_FIELDS = /* GraphQL */ `
  fragment FeatureFamilyFields on Feature {
    family {
      parents { ...FamilyMemberFields }
      children { ...FamilyMemberFields }
    }
  }
  fragment FamilyMemberFields on FamilyMember {
    cosine
    containment
    comparison { id }
    feature { id index sae { id } label { text } }
  }
`;

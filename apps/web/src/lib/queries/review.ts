import { operation, request } from '../graphql';
import type {
  MyContributionsQuery, MyContributionsQueryVariables, ReviewLabelMutation, ReviewLabelMutationVariables, ReviewQueueQuery,
  ReviewQueueQueryVariables,
} from '../../generated/operations';

/** A label as the review queue and "my contributions" list it (generated from the fragment below). */
export type LabelListing = ReviewQueueQuery['reviewQueue']['edges'][number]['node'];

/** One fragment for both lists, so they cannot drift apart; the queries carry its definition. */
const LABEL_LISTING_FIELDS = /* GraphQL */ `
  fragment LabelListingFields on Label {
    id
    featureId
    text
    source
    version
    tags
    createdAt
    updatedAt
    upvotes
    downvotes
    reviewState
    reviewNote
    hidden
    createdBy { handle }
    author { handle }
  }
`;

const REVIEW_QUEUE = operation<ReviewQueueQuery, ReviewQueueQueryVariables>(/* GraphQL */ `
  query ReviewQueue($first: Int, $after: String) {
    reviewQueue(first: $first, after: $after) {
      edges { node { ...LabelListingFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${LABEL_LISTING_FIELDS}
`);

const MY_CONTRIBUTIONS = operation<MyContributionsQuery, MyContributionsQueryVariables>(/* GraphQL */ `
  query MyContributions($first: Int, $after: String) {
    myContributions(first: $first, after: $after) {
      edges { node { ...LabelListingFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${LABEL_LISTING_FIELDS}
`);

const REVIEW_LABEL = operation<ReviewLabelMutation, ReviewLabelMutationVariables>(/* GraphQL */ `
  mutation ReviewLabel($labelId: ID!, $state: ReviewState!, $note: String) {
    reviewLabel(labelId: $labelId, state: $state, note: $note) { id reviewState reviewNote }
  }
`);

/** Proposed labels, oldest first (FORBIDDEN unless the viewer is a curator or admin). */
export async function getReviewQueue(credential: string, after?: string) {
  return (await request(REVIEW_QUEUE, { first: 50, ...(after ? { after } : {}) }, { credential })).reviewQueue;
}

/** Labels the viewer started or revised, newest first. */
export async function getMyContributions(credential: string, after?: string) {
  return (await request(MY_CONTRIBUTIONS, { first: 50, ...(after ? { after } : {}) }, { credential })).myContributions;
}

export async function reviewLabel(credential: string, variables: ReviewLabelMutationVariables) {
  return (await request(REVIEW_LABEL, variables, { credential })).reviewLabel;
}

import { operation, request } from '../graphql';
import type {
  FeatureLabelsQuery, FeatureLabelsQueryVariables, ProposeLabelMutation, ProposeLabelMutationVariables, VoteLabelMutation,
  VoteLabelMutationVariables,
} from '../../generated/operations';

/** A feature's labels with their votes and recent history (contributions domain). */
export type ContributedLabel = NonNullable<FeatureLabelsQuery['feature']>['labels'][number];

const FEATURE_LABELS = operation<FeatureLabelsQuery, FeatureLabelsQueryVariables>(/* GraphQL */ `
  query FeatureLabels($id: ID!) {
    viewer { user { handle } }
    feature(id: $id) {
      labels {
        id text tags source method version score upvotes downvotes myVote reviewState
        scores { scorer version score positives negatives }
        createdBy { handle }
        history(first: 10) { edges { node { version text createdAt author { handle } authorModel source } } }
      }
    }
  }
`);

const PROPOSE_LABEL = operation<ProposeLabelMutation, ProposeLabelMutationVariables>(/* GraphQL */ `
  mutation ProposeLabel($featureId: ID!, $text: String!, $tags: [String!]) {
    proposeLabel(featureId: $featureId, text: $text, tags: $tags) { id }
  }
`);

const VOTE_LABEL = operation<VoteLabelMutation, VoteLabelMutationVariables>(/* GraphQL */ `
  mutation VoteLabel($labelId: ID!, $vote: VoteValue!) { voteLabel(labelId: $labelId, vote: $vote) { id score myVote } }
`);

export async function getFeatureLabels(featureId: string, credential: string | undefined) {
  const data = await request(FEATURE_LABELS, { id: featureId }, { credential, cached: true });
  return { signedInAs: data.viewer?.user.handle ?? null, labels: data.feature?.labels ?? [] };
}

export async function proposeLabel(credential: string, variables: ProposeLabelMutationVariables): Promise<void> {
  await request(PROPOSE_LABEL, variables, { credential });
}

export async function voteLabel(credential: string, variables: VoteLabelMutationVariables): Promise<void> {
  await request(VOTE_LABEL, variables, { credential });
}

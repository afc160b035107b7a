import { operation, request } from '../graphql';
import type { SteerFeatureQuery, SteerFeatureQueryVariables } from '../../generated/operations';

/** A steered and a baseline continuation of one prompt (generated from the SteerFeature query below). */
export type SteeringResult = SteerFeatureQuery['steer'];
export type SteeringVariables = SteerFeatureQueryVariables;

const STEER_FEATURE = operation<SteerFeatureQuery, SteerFeatureQueryVariables>(/* GraphQL */ `
  query SteerFeature($featureId: ID!, $strength: Float!, $prompt: String!, $maxTokens: Int, $temperature: Float, $seed: Int) {
    steer(featureId: $featureId, strength: $strength, prompt: $prompt, maxTokens: $maxTokens, temperature: $temperature, seed: $seed) {
      hookName
      strength
      temperature
      seed
      promptTokens
      promptTruncated
      notice
      baseline { tokens text }
      steered { tokens text }
      timing { modelLoadMs queuedMs baselineMs steeredMs }
    }
  }
`);

/** Runs the feature's steering on the API (server-side; the API URL is a server-only setting). */
export async function steerFeature(variables: SteerFeatureQueryVariables): Promise<SteeringResult> {
  const data = await request(STEER_FEATURE, variables);
  return data.steer;
}

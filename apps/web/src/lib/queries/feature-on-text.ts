import { operation, request } from '../graphql';
import type { FeatureOnTextQuery, FeatureOnTextQueryVariables } from '../../generated/operations';

/** One token of a text with this feature's activation on it. */
export interface TokenActivation {
  token: string;
  value: number;
}

export interface FeatureOnText {
  tokens: TokenActivation[];
  notice: string | null;
}

/**
 * The API's featuresForText at its widest (64 features per token, no density filter): a TopK SAE
 * with k ≤ 64 fires at most k features per token, so every activation of this feature is in the
 * answer; for other architectures a token where more than 64 features fire may miss a weak one.
 */
const FEATURE_ON_TEXT = operation<FeatureOnTextQuery, FeatureOnTextQueryVariables>(/* GraphQL */ `
  query FeatureOnText($saeId: ID!, $text: String!) {
    featuresForText(saeId: $saeId, text: $text, topK: 64, densityMax: 1) {
      notice
      tokens { position token features { index value } }
    }
  }
`);

/** This feature's activation on every token of `text`. */
export async function getFeatureOnText(saeId: string, index: number, text: string): Promise<FeatureOnText> {
  const { featuresForText } = await request(FEATURE_ON_TEXT, { saeId, text });
  return {
    notice: featuresForText.notice ?? null,
    tokens: featuresForText.tokens.map((token) => ({
      token: token.token,
      value: token.features.find((feature) => feature.index === index)?.value ?? 0,
    })),
  };
}

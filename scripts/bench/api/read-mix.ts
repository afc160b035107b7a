/**
 * The reads the web app made for its pages (apps/web/src/lib/queries), with random features of
 * the demo SAE: a feature page (summary + detail), a page of the feature list, the catalog. The web
 * now asks for summary and detail in one request (FeatureView); the mix keeps the two apart, so its
 * figures stay comparable with earlier runs.
 */
export const DEMO_SAE = 'demo-lm/blocks.2.hook_resid_post/topk-4096';
export const DEMO_WIDTH = 4096;

const FEATURE_SUMMARY = `query FeatureSummary($id: ID!) { feature(id: $id) { id index density maxActivation meanActivation encoderDecoderCosine isDead isDense
  label { text source method authorModel updatedAt } sae { id hookName architecture width statisticsTokens corpusName model { id displayName } } } }`;
const FEATURE_DETAIL = `query FeatureDetail($id: ID!, $first: Int) { feature(id: $id) { id maxActivation histogram { edges counts total }
  topActivations(first: $first) { rank maxValue maxPosition tokens values corpusName }
  quantileExamples { lower upper count examples { rank maxValue maxPosition tokens values corpusName } }
  decoderNeighbours { cosine feature { id index label { text } } } coactivatingFeatures { jaccard feature { id index label { text } } }
  mapPosition { x y } logitEffects { positive { token value } negative { token value } } headAttribution { head share } } }`;
const FEATURE_PAGE = `query FeaturePage($saeId: ID!, $first: Int, $after: String) { features(saeId: $saeId, first: $first, after: $after) { totalCount
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id index density maxActivation label { text source } topActivations(first: 1) { maxValue maxPosition tokens values } } } } }`;
const MODELS = 'query Models { models { id displayName architecture layerCount dModel vocabSize contextLength saes { id hookName architecture width k metrics { l0 fvu deadFraction } } } }';
const SAE = `query Sae($id: ID!) { sae(id: $id) { id hookName architecture dIn width k trainingTokens statisticsTokens corpusName createdAt metrics { l0 fvu deadFraction } model { id displayName } } }`;

export type GraphQLBody = { query: string; variables: Record<string, unknown> };

const randomFeature = () => `${DEMO_SAE}/${Math.floor(Math.random() * DEMO_WIDTH)}`;

/** Cursors of the list's pages, gathered once, so list requests spread over the whole list. */
export async function listCursors(url: string, pages = 40): Promise<(string | null)[]> {
  const cursors: (string | null)[] = [null];
  let after: string | null = null;
  for (let page = 1; page < pages; page += 1) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FEATURE_PAGE, variables: { saeId: DEMO_SAE, first: 25, after } }) });
    const body = (await response.json()) as { data: { features: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } } };
    after = body.data.features.pageInfo.endCursor;
    if (!after || !body.data.features.pageInfo.hasNextPage) break;
    cursors.push(after);
  }
  return cursors;
}

/** One request of the mix: 35% feature summaries, 35% feature details, 15% list pages, 10% the catalog, 5% an SAE. */
export function readRequest(cursors: readonly (string | null)[]): GraphQLBody {
  const roll = Math.random();
  if (roll < 0.35) return { query: FEATURE_SUMMARY, variables: { id: randomFeature() } };
  if (roll < 0.7) return { query: FEATURE_DETAIL, variables: { id: randomFeature(), first: 20 } };
  if (roll < 0.85) return { query: FEATURE_PAGE, variables: { saeId: DEMO_SAE, first: 25, after: cursors[Math.floor(Math.random() * cursors.length)] ?? null } };
  if (roll < 0.95) return { query: MODELS, variables: {} };
  return { query: SAE, variables: { id: DEMO_SAE } };
}

const PROMPTS = ['The ship sailed', 'Call me Ishmael. Some years ago', 'The President said that the Congress', 'In the morning the whale'];

/** A steering request for a random feature (greedy, 32 tokens, as the web's steering panel sends). */
export function steerRequest(): GraphQLBody {
  return {
    query: 'query($id: ID!, $p: String!, $s: Float!) { steer(featureId: $id, strength: $s, prompt: $p, maxTokens: 32) { steered { text } timing { queuedMs baselineMs steeredMs } } }',
    variables: { id: randomFeature(), p: PROMPTS[Math.floor(Math.random() * PROMPTS.length)]!, s: 20 + Math.floor(Math.random() * 60) },
  };
}

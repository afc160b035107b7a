import { getIntrospectionQuery } from 'graphql';
import { MODEL_ID, SAE_ID } from './atlas-fixture.ts';
import { HOOK_Z_SAE_ID } from './head-attribution-fixture.ts';
import { MAP_SAE_ID } from './map-fixture.ts';
import { GONE_SAE_ID, REAL_SAE_ID } from './steering-fixture.ts';

/**
 * The queries whose responses are recorded in `test/golden/responses.json`: every Query field,
 * every type's fields, the errors, pagination and map pages, and steering. A case is a GraphQL
 * request (POST JSON unless it says otherwise) or a raw HTTP request.
 */
export type GoldenCase = {
  name: string;
  query?: string;
  variables?: Record<string, unknown>;
  /** A raw request instead of a GraphQL POST. */
  http?: { method: 'GET' | 'POST'; search?: string; headers?: Record<string, string>; body?: string };
};

/** Cursors as the API issues them (base64url of `feature:<index>`), written out so the recording does not depend on the API's code. */
const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const MODEL_FIELDS = 'id displayName architecture layerCount dModel vocabSize contextLength';
const SAE_FIELDS = 'id model { id } hookName architecture dIn width k trainingTokens metrics { l0 fvu deadFraction } statisticsTokens corpusName createdAt';
const EXAMPLE_FIELDS = 'rank maxValue maxPosition tokens values corpusName';
const FEATURE_FIELDS = `id index sae { id } density maxActivation meanActivation encoderDecoderCosine isDead isDense
  topActivations { ${EXAMPLE_FIELDS} }
  histogram { edges counts total }
  quantileExamples { lower upper count examples { ${EXAMPLE_FIELDS} } }
  decoderVector
  label { text source method authorModel updatedAt }
  decoderNeighbours { cosine feature { id index } }
  logitEffects { positive { token value } negative { token value } }
  headAttribution { head share }
  coactivatingFeatures { jaccard feature { id index } }
  mapPosition { x y }`;
const CONNECTION_FIELDS = 'totalCount edges { cursor node { id index } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const MAP_FIELDS = 'points { featureId index x y density isDead label labelSource cluster } hasNextPage endCursor clusters { cluster caption x y size }';
const FEATURE = `query($id: ID!) { feature(id: $id) { ${FEATURE_FIELDS} } }`;
const FEATURE_ID_ONLY = `query($id: ID!) { feature(id: $id) { id index } }`;
const PAGE = `query($sae: ID!, $first: Int, $after: String) { features(saeId: $sae, first: $first, after: $after) { ${CONNECTION_FIELDS} } }`;
const MAP = `query($sae: ID!, $first: Int, $after: String, $bounds: MapBoundsInput) { sae(id: $sae) { id map(first: $first, after: $after, bounds: $bounds) { ${MAP_FIELDS} } } }`;

export const STEER = `query($id: ID!, $strength: Float!, $prompt: String!, $maxTokens: Int, $temperature: Float, $seed: Int) {
  steer(featureId: $id, strength: $strength, prompt: $prompt, maxTokens: $maxTokens, temperature: $temperature, seed: $seed) {
    feature { id index } hookName strength temperature seed promptTokens promptTruncated notice
    baseline { tokens text } steered { tokens text }
    timing { modelLoadMs queuedMs baselineMs steeredMs }
  }
}`;
export const STEER_PROMPT = 'The President said that the Congress';
const LONG_PROMPT = 'We the people of the United States, in order to form a more perfect union. '.repeat(26).slice(0, 2000);

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'introspection', query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) },

  // Models and SAEs
  { name: 'models', query: `{ models { ${MODEL_FIELDS} saes { id } } }` },
  { name: 'model', query: `query($id: ID!) { model(id: $id) { ${MODEL_FIELDS} saes { ${SAE_FIELDS} } } }`, variables: { id: MODEL_ID } },
  { name: 'model not found', query: `{ model(id: "gpt-9") { id } }` },
  { name: 'saes', query: `{ saes { ${SAE_FIELDS} } }` },
  { name: 'saes of a model', query: `query($m: ID) { saes(modelId: $m) { id } }`, variables: { m: MODEL_ID } },
  { name: 'saes of a model without SAEs', query: `{ saes(modelId: "tiny-lm") { id } }` },
  { name: 'saes of an unknown model', query: `{ saes(modelId: "gpt-9") { id } }` },
  { name: 'saes with modelId null', query: `{ saes(modelId: null) { id } }` },
  { name: 'sae', query: `query($id: ID!) { sae(id: $id) { ${SAE_FIELDS} features(first: 2) { ${CONNECTION_FIELDS} } } }`, variables: { id: SAE_ID } },
  { name: 'sae not found', query: `{ sae(id: "demo-lm/nope") { id } }` },

  // Features: every field, for features that have each kind of data and for ones that lack it
  ...[0, 1, 3, 4, 6, 7].map((index) => ({ name: `feature ${index}`, query: FEATURE, variables: { id: `${SAE_ID}/${index}` } })),
  ...[0, 1, 2, 4].map((index) => ({ name: `map feature ${index}`, query: FEATURE, variables: { id: `${MAP_SAE_ID}/${index}` } })),
  { name: 'hook_z feature 2', query: FEATURE, variables: { id: `${HOOK_Z_SAE_ID}/2` } },
  { name: 'top activations first 1', query: `query($id: ID!) { feature(id: $id) { topActivations(first: 1) { rank tokens } } }`, variables: { id: `${SAE_ID}/0` } },
  { name: 'top activations first 500', query: `query($id: ID!) { feature(id: $id) { topActivations(first: 500) { rank } } }`, variables: { id: `${SAE_ID}/0` } },
  { name: 'top activations first 0', query: `query($id: ID!) { feature(id: $id) { topActivations(first: 0) { rank } } }`, variables: { id: `${SAE_ID}/0` } },

  // Feature ids
  { name: 'feature id with leading zeros', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/007` } },
  { name: 'feature index out of range', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/16` } },
  { name: 'feature index not a number', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/abc` } },
  { name: 'feature index negative', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/-1` } },
  { name: 'feature index empty', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/` } },
  { name: 'feature index beyond int4', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/99999999999` } },
  { name: 'feature index not stored', query: FEATURE_ID_ONLY, variables: { id: `${SAE_ID}/5` } },
  { name: 'feature id is an SAE id', query: FEATURE_ID_ONLY, variables: { id: SAE_ID } },
  { name: 'feature id without SAE', query: FEATURE_ID_ONLY, variables: { id: '42' } },
  { name: 'feature id with unknown SAE', query: FEATURE_ID_ONLY, variables: { id: 'demo-lm/nope/3' } },

  // Feature pages
  { name: 'features default page', query: PAGE, variables: { sae: SAE_ID } },
  { name: 'features page 1 of 3', query: PAGE, variables: { sae: SAE_ID, first: 3 } },
  { name: 'features page 2 of 3', query: PAGE, variables: { sae: SAE_ID, first: 3, after: cursor('feature:2') } },
  { name: 'features page 3 of 3', query: PAGE, variables: { sae: SAE_ID, first: 3, after: cursor('feature:6') } },
  { name: 'features after the last', query: PAGE, variables: { sae: SAE_ID, first: 3, after: cursor('feature:7') } },
  { name: 'features first 100', query: PAGE, variables: { sae: SAE_ID, first: 100, after: cursor('feature:0') } },
  { name: 'features first 0', query: PAGE, variables: { sae: SAE_ID, first: 0 } },
  { name: 'features first 101', query: PAGE, variables: { sae: SAE_ID, first: 101 } },
  { name: 'features malformed cursor', query: PAGE, variables: { sae: SAE_ID, after: 'not-a-cursor!' } },
  { name: 'features forged cursor', query: PAGE, variables: { sae: SAE_ID, after: cursor('sae:3') } },
  { name: 'features of an unknown SAE', query: PAGE, variables: { sae: 'demo-lm/nope' } },
  { name: 'sae features page', query: `query($id: ID!) { sae(id: $id) { features(first: 2, after: "${cursor('feature:3')}") { ${CONNECTION_FIELDS} } } }`, variables: { id: SAE_ID } },
  { name: 'sae features bad first', query: `query($id: ID!) { sae(id: $id) { features(first: 200) { totalCount } } }`, variables: { id: SAE_ID } },

  // Map pages
  { name: 'map', query: MAP, variables: { sae: MAP_SAE_ID } },
  { name: 'map page 1', query: MAP, variables: { sae: MAP_SAE_ID, first: 2 } },
  { name: 'map page 2', query: MAP, variables: { sae: MAP_SAE_ID, first: 2, after: cursor('feature:1') } },
  { name: 'map bounds', query: MAP, variables: { sae: MAP_SAE_ID, bounds: { minX: 0, minY: 0, maxX: 0.5, maxY: 0.5 } } },
  { name: 'map without positions', query: MAP, variables: { sae: SAE_ID } },
  { name: 'map first 0', query: MAP, variables: { sae: MAP_SAE_ID, first: 0 } },
  { name: 'map first 10001', query: MAP, variables: { sae: MAP_SAE_ID, first: 10001 } },
  { name: 'map inverted bounds', query: MAP, variables: { sae: MAP_SAE_ID, bounds: { minX: 1, minY: 0, maxX: 0, maxY: 1 } } },
  { name: 'map bad cursor', query: MAP, variables: { sae: MAP_SAE_ID, after: 'nope' } },

  // Head attribution
  { name: 'hook_z head attribution', query: `query($sae: ID!) { features(saeId: $sae) { edges { node { id headAttribution { head share } } } } }`, variables: { sae: HOOK_Z_SAE_ID } },

  // Steering (continuations are checked against the model itself, see the test)
  { name: 'steer bad arguments', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 250, prompt: '   ', maxTokens: 0, temperature: 3, seed: -1 } },
  { name: 'steer prompt too long', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 1, prompt: 'x'.repeat(2001) } },
  { name: 'steer unknown feature', query: STEER, variables: { id: `${REAL_SAE_ID}/7`, strength: 1, prompt: STEER_PROMPT } },
  { name: 'steer model folder missing', query: STEER, variables: { id: `${GONE_SAE_ID}/0`, strength: 1, prompt: STEER_PROMPT } },
  { name: 'steer model not recorded', query: STEER, variables: { id: `${SAE_ID}/0`, strength: 1, prompt: STEER_PROMPT } },
  { name: 'steer greedy', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 40, prompt: STEER_PROMPT, maxTokens: 8 } },
  { name: 'steer away', query: STEER, variables: { id: `${REAL_SAE_ID}/1`, strength: 40, prompt: STEER_PROMPT, maxTokens: 8 } },
  { name: 'steer sampled with seed', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 10, prompt: STEER_PROMPT, maxTokens: 6, temperature: 1, seed: 7 } },
  { name: 'steer long prompt', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 1, prompt: LONG_PROMPT, maxTokens: 4 } },
  { name: 'steer maxTokens past context', query: STEER, variables: { id: `${REAL_SAE_ID}/0`, strength: 1, prompt: STEER_PROMPT, maxTokens: 128 } },

  // Request errors
  { name: 'partial failure at the root', query: `{ models { id } model(id: "nope") { id } }` },
  { name: 'parse error', query: '{ models { id ' },
  { name: 'unknown field', query: '{ models { nope } }' },
  { name: 'variable of the wrong type', query: PAGE, variables: { sae: SAE_ID, first: 'ten' } },
  { name: 'missing variable', query: PAGE, variables: {} },
  { name: 'too deep', query: `{ feature(id: "${SAE_ID}/0") { sae { model { saes { features { edges { node { sae { model { saes { id } } } } } } } } } } }` },
  { name: 'invalid JSON body', http: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' } },
  { name: 'simple request blocked (CSRF)', http: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ models { id } }"}' } },
  { name: 'GET with preflight header', http: { method: 'GET', search: `?query=${encodeURIComponent('{ models { id } }')}`, headers: { 'apollo-require-preflight': 'true' } } },
  { name: 'GET without query', http: { method: 'GET', headers: { 'apollo-require-preflight': 'true' } } },
];

import fc from 'fast-check';
import { SAE_ID } from '../atlas-fixture.ts';

/** One HTTP request the fuzzer sends. */
export type FuzzRequest = { kind: string; method: string; search: string; headers: Record<string, string>; body?: string };

const FEATURE_FIELDS = ['id', 'index', 'density', 'maxActivation', 'isDead', 'histogram { total counts }', 'label { text source }',
  'topActivations { tokens values }', 'topActivations(first: 3) { rank }', 'decoderVector', 'quantileExamples { examples { tokens } }',
  'decoderNeighbours { cosine feature { id } }', 'coactivatingFeatures { jaccard }', 'mapPosition { x y }', 'logitEffects { positive { token } }',
  'headAttribution { head }', 'sae { id width }', 'nope', '__typename'];

/** Values of every kind where arguments go: wrong types, out of range, NUL, huge, unicode. */
const argumentValue = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map(String),
  fc.constantFrom('0', '-1', '101', '100', '1e309', '2147483648', 'null', 'true', '[1, 2]', '{ a: 1 }', '$v', '"\\u0000"', `"${SAE_ID}/0"`, `"${SAE_ID}/99999999999"`),
  fc.string({ maxLength: 40 }).map((text) => JSON.stringify(text)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => JSON.stringify(text)),
);

const featureSelection = fc.uniqueArray(fc.constantFrom(...FEATURE_FIELDS), { minLength: 1, maxLength: 6 }).map((fields) => fields.join(' '));

/** Queries shaped like the schema, with arguments of any kind. */
const schemaQuery = fc.oneof(
  fc.tuple(argumentValue, featureSelection).map(([id, selection]) => `{ feature(id: ${id}) { ${selection} } }`),
  fc.tuple(argumentValue, argumentValue, featureSelection).map(([first, after, selection]) =>
    `{ features(saeId: "${SAE_ID}", first: ${first}, after: ${after}) { totalCount edges { cursor node { ${selection} } } } }`),
  fc.tuple(argumentValue, argumentValue).map(([first, bounds]) => `{ sae(id: "${SAE_ID}") { map(first: ${first}, bounds: ${bounds}) { points { index x } } } }`),
  fc.tuple(argumentValue, argumentValue, argumentValue, argumentValue).map(([strength, prompt, maxTokens, temperature]) =>
    `{ steer(featureId: "${SAE_ID}/0", strength: ${strength}, prompt: ${prompt}, maxTokens: ${maxTokens}, temperature: ${temperature}) { seed } }`),
  fc.constantFrom('{ models { id saes { id } } }', '{ saes { id } }', 'query Q { __schema { types { name } } }', 'mutation { x }', 'subscription { y }'),
);

/** Deep nesting, alias bombs, fragment bombs, repeated same-name fields: the shapes of denial-of-service queries. */
const bombQuery = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((depth) => `{ feature(id: "${SAE_ID}/0") ${'{ sae { features { edges { node '.repeat(depth)}{ id }${' } } } }'.repeat(depth)} }`),
  fc.integer({ min: 1, max: 3_000 }).map((count) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: features(saeId: "${SAE_ID}", first: 100) { edges { node { topActivations { tokens values } } } }`).join(' ')} }`),
  fc.integer({ min: 1, max: 60 }).map((levels) => {
    let query = `{ feature(id: "${SAE_ID}/0") { ...F0 } }`;
    for (let i = 0; i < levels; i += 1) query += ` fragment F${i} on Feature { ...F${i + 1} ...F${i + 1} decoderNeighbours { feature { id } } }`;
    return `${query} fragment F${levels} on Feature { id }`;
  }),
  fc.integer({ min: 1, max: 5_000 }).map((count) => `{ ${'models { id } '.repeat(count)}}`),
  fc.integer({ min: 1, max: 300 }).map((depth) => `{ __schema { types { ${'fields { type { '.repeat(depth)}name${' } }'.repeat(depth)} } } }`),
  fc.integer({ min: 1, max: 2_000 }).map((count) => `{ models ${'@skip(if: false) '.repeat(count)}{ id } }`),
);

const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('a\u0000b')), first: fc.oneof(fc.integer(), fc.string(), fc.double()) }),
);

const graphqlBody = fc.tuple(fc.oneof({ weight: 3, arbitrary: schemaQuery }, { weight: 2, arbitrary: bombQuery }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }), variables, fc.option(fc.string({ maxLength: 10 })))
  .map(([query, vars, operationName]) => JSON.stringify({ query, variables: vars, ...(operationName === null ? {} : { operationName }) }));

/** Bodies that are not GraphQL requests at all: random text, broken JSON, JSON of the wrong shape, huge. */
const malformedBody = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  graphqlBody.map((body) => body.slice(0, Math.max(1, body.length - 3))),
  fc.constantFrom('{"query": 1}', '{"query": null}', '[]', '[{"query":"{ __typename }"}]', '{"query": "{ __typename }", "variables": "x"}', '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}'),
  fc.integer({ min: 900_000, max: 1_100_000 }).map((size) => JSON.stringify({ query: `{ __typename } #${'x'.repeat(size)}` })),
  fc.integer({ min: 5, max: 20 }).map((depth) => '['.repeat(depth * 1_000)),
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/graphql-response+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1');
const accept = fc.constantFrom('application/graphql-response+json, application/json', 'application/json', '*/*', 'text/html', '', 'application/xml');

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(graphqlBody, contentType, accept).map(([body, type, acc]) => ({ kind: 'graphql', method: 'POST', search: '', headers: { 'content-type': type, accept: acc }, body })) },
  { weight: 2, arbitrary: fc.tuple(malformedBody, contentType).map(([body, type]) => ({ kind: 'malformed', method: 'POST', search: '', headers: { 'content-type': type }, body })) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(schemaQuery, bombQuery, fc.string()), fc.boolean(), fc.string({ maxLength: 50 })).map(([query, preflight, vars]) => ({
    kind: 'get', method: 'GET', search: `?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(vars)}`,
    headers: preflight ? { 'apollo-require-preflight': 'true' } : ({} as Record<string, string>),
  })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), fc.string({ maxLength: 100 })).map(([method, body]) => ({
    kind: 'method', method, search: '', headers: { 'content-type': 'application/json' }, ...(method === 'HEAD' || method === 'OPTIONS' ? {} : { body }),
  })) },
);

/** `count` requests from a seed (the same seed, the same requests). */
export function fuzzRequests(count: number, seed: number): FuzzRequest[] {
  return fc.sample(fuzzRequest, { numRuns: count, seed });
}

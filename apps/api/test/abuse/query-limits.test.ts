import * as atlasDb from '@atlas/db';
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { depthLimit } from '../../src/plugins/depth-limit.ts';
import { SAE_ID } from '../support/atlas-fixture.ts';
import { READ_FUNCTIONS } from '../support/spied-db.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

vi.mock('@atlas/db', async (importOriginal) => (await import('../support/spied-db.ts')).spyOnReads(importOriginal));

type Answer = { status: number; errors: { message: string; extensions?: { code?: string } }[] | undefined; data: unknown };

/** Each attack of issue 16's list, as a request, refused before any database read with its code and a message saying what to do. */
describe('queries that ask too much are refused before they run', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    vi.clearAllMocks();
    server.logged.length = 0;
  });

  async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Answer['errors'] };
    return { status: response.status, errors: body.errors, data: body.data };
  }

  const reads = () => READ_FUNCTIONS.reduce((sum, name) => sum + vi.mocked(atlasDb[name]).mock.calls.length, 0);
  const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  const TOP_PAGE = `features(saeId: "${SAE_ID}", first: 100) { edges { node { id density label { text } topActivations { tokens values } } } }`;

  async function expectRefused(answer: Answer, code: string, ...phrases: string[]) {
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions?.code).toBe(code);
    for (const phrase of phrases) expect(answer.errors?.[0]?.message).toContain(phrase);
    expect(answer.data).toBeUndefined();
    expect(reads()).toBe(0);
    expect(server.logged).toEqual([]);
    // The API still answers.
    expect(await server.data('{ models { id } }')).toEqual({ models: [{ id: 'demo-lm' }, { id: 'tiny-lm' }] });
    vi.clearAllMocks();
  }

  it('2,000 aliases of a 100-feature page with top activations (a 247 kB POST that ran the API out of heap)', async () => {
    const query = aliases(2000, TOP_PAGE);
    expect(query.length).toBeGreaterThan(200_000);
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'has more than 2000 tokens, the limit for one request', 'split the query');
  });

  it('40 such aliases (4.9 kB that answered 48 MB in 15 s): over the cost, which the message gives with the maximum', async () => {
    const query = aliases(40, `features(saeId: "${SAE_ID}", first: 100) { edges { node { topActivations { tokens values } } } }`);
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'costs 248000; the maximum is 10000', 'smaller pages');
  });

  it('25 fragments each spreading the next twice (a 1 kB query that froze the API for 60 s)', async () => {
    let query = `{ feature(id: "${SAE_ID}/0") { ...F0 } }\n`;
    for (let i = 0; i < 25; i += 1) query += `fragment F${i} on Feature { ...F${i + 1} ...F${i + 1} }\n`;
    query += 'fragment F25 on Feature { id topActivations { tokens } }\n';
    expect(query.length).toBeLessThan(1_200);
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'expands to more than 2000 fields');
  });

  it('decoderNeighbours nested twice under a 100-feature page (215 bytes answering 123 MB)', async () => {
    const query = `{ features(saeId: "${SAE_ID}", first: 100) { edges { node { decoderNeighbours { feature { decoderNeighbours { feature { topActivations { tokens values } } } } } } } } }`;
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'costs 622200; the maximum is 10000');
  });

  it('300 aliases of a page of decoder vectors (45 kB answering 452 MB)', async () => {
    const query = aliases(300, `features(saeId: "${SAE_ID}", first: 100) { edges { node { decoderVector } } }`);
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'more than 2000 tokens');
  });

  it('more aliases than allowed, even of cheap fields', async () => {
    await expectRefused(await post(aliases(51, 'models { id }')), 'QUERY_TOO_COSTLY', 'uses 51 aliases; the limit is 50');
  });

  it('50 aliases of steer (which held the model queue for 185 s): steer is limited per request, not per field', async () => {
    const query = aliases(50, `steer(featureId: "${SAE_ID}/0", strength: 1, prompt: "The") { steered { text } }`);
    await expectRefused(await post(query), 'QUERY_TOO_COSTLY', 'asks for steer 50 times; one request may ask for it once');
    // Two through fragments count as two.
    const twice = `{ ...S a: steer(featureId: "${SAE_ID}/0", strength: 1, prompt: "The") { seed } } fragment S on Query { steer(featureId: "${SAE_ID}/0", strength: 2, prompt: "A") { seed } }`;
    await expectRefused(await post(twice), 'QUERY_TOO_COSTLY', 'asks for steer 2 times');
  });

  it('a page size given through a variable counts as given', async () => {
    const page = `features(saeId: "${SAE_ID}", first: $n) { edges { node { topActivations { tokens } } } }`;
    const query = `query($n: Int) { a: ${page} b: ${page} }`;
    await expectRefused(await post(query, { n: 100 }), 'QUERY_TOO_COSTLY', 'costs 12400');
    expect((await post(query, { n: 5 })).errors).toBeUndefined();
  });

  it('still answers what the web app asks, up to a whole page of features with their top activation', async () => {
    const page = await post(`{ features(saeId: "${SAE_ID}", first: 100) { totalCount edges { node { id label { text } topActivations(first: 1) { tokens values } } } } }`);
    expect(page.errors).toBeUndefined();
  });

  it('mutation { x } on a schema without mutations: a validation error saying so, nothing logged', async () => {
    const answer = await post('mutation { x }');
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors?.map((error) => error.message)).toContain(
      'This API has no mutations: the schema defines no mutation type. Send a query; the schema (introspection, or GraphiQL at /) lists what can be asked.',
    );
    expect(server.logged).toEqual([]);
  });

  it('a NUL character in an id, as a literal or a variable: BAD_USER_INPUT, nothing logged', async () => {
    const literal = await post(`{ feature(id: "${SAE_ID}/\\u0000") { id } }`);
    await expectRefused(literal, 'BAD_USER_INPUT', 'line 1, column 15', 'contains a NUL character (U+0000)', 'Remove it');
    const variable = await post('query($id: ID!) { feature(id: $id) { id } }', { id: 'demo\u0000lm' });
    await expectRefused(variable, 'BAD_USER_INPUT', 'Variable $id contains a NUL character');
  });

  it('depth over 10 stays a validation error', async () => {
    const deep = `{ feature(id: "${SAE_ID}/0") { sae { model { saes { features { edges { node { sae { model { saes { id } } } } } } } } } } }`;
    const answer = await post(deep);
    expect(answer.errors?.[0]).toMatchObject({
      message: 'This operation nests fields 11 levels deep; the limit is 10. Split it into several queries.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('the depth limit is linear in the size of the document', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

  it('measures 200 fragments that each spread the next twice (2^200 paths) by walking each fragment once', () => {
    let query = '{ feature(id: "x") { ...F0 } }\n';
    for (let i = 0; i < 200; i += 1) query += `fragment F${i} on Feature { ...F${i + 1} ...F${i + 1} }\n`;
    query += 'fragment F200 on Feature { sae { id } }\n';
    expect(validate(schema, parse(query), [depthLimit(10)])).toEqual([]);
    const deeper = query.replace('fragment F200 on Feature { sae { id } }', 'fragment F200 on Feature { sae { model { saes { model { saes { model { saes { model { saes { id } } } } } } } } } }');
    expect(validate(schema, parse(deeper), [depthLimit(10)]).map((error) => error.message)).toEqual([
      'This operation nests fields 11 levels deep; the limit is 10. Split it into several queries.',
    ]);
  });
});

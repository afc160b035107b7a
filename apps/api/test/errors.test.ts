import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/cursor.ts';
import { SAE_ID } from './support/atlas-fixture.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('the error contract', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  /** The single error of a query, as { code, message }. */
  async function errorOf(query: string, variables?: Record<string, unknown>) {
    const { errors } = await server.gql(query, variables);
    expect(errors).toHaveLength(1);
    return { code: errors?.[0]?.extensions?.code, message: errors?.[0]?.message };
  }

  it('NOT_FOUND names unknown model and SAE ids', async () => {
    expect(await errorOf(`{ model(id: "gpt-9") { id } }`)).toEqual({
      code: 'NOT_FOUND',
      message: 'No model with id "gpt-9". The models query lists every model.',
    });
    expect(await errorOf(`{ saes(modelId: "gpt-9") { id } }`)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"gpt-9"') });
    const sae = await errorOf(`{ sae(id: "demo-lm/nope") { id } }`);
    expect(sae).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No SAE with id "demo-lm/nope"') });
    const features = await errorOf(`{ features(saeId: "demo-lm/nope") { totalCount } }`);
    expect(features).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"demo-lm/nope"') });
  });

  it('NOT_FOUND for feature ids says the valid index range', async () => {
    const outOfRange = await errorOf(`query($id: ID!) { feature(id: $id) { id } }`, { id: `${SAE_ID}/16` });
    expect(outOfRange).toEqual({
      code: 'NOT_FOUND',
      message: `No feature with id "${SAE_ID}/16": the index must be an integer in range; SAE "${SAE_ID}" has features 0..15.`,
    });
    const notANumber = await errorOf(`query($id: ID!) { feature(id: $id) { id } }`, { id: `${SAE_ID}/abc` });
    expect(notANumber.message).toContain('has features 0..15');
    const missing = await errorOf(`query($id: ID!) { feature(id: $id) { id } }`, { id: `${SAE_ID}/5` });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('none is stored at index 5') });
    const saeId = await errorOf(`query($id: ID!) { feature(id: $id) { id } }`, { id: SAE_ID });
    expect(saeId.message).toBe(`No feature with id "${SAE_ID}": "${SAE_ID}" is an SAE id; add "/<index>" with index 0..15.`);
    const garbage = await errorOf(`{ feature(id: "42") { id } }`);
    expect(garbage).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('feature ids are "<sae id>/<index>"') });
  });

  it('BAD_USER_INPUT for a malformed cursor tells the client what to pass', async () => {
    const bad = await errorOf(`query($after: String) { features(saeId: "${SAE_ID}", after: $after) { totalCount } }`, { after: 'not-a-cursor!' });
    expect(bad).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'cursor "not-a-cursor!" is not a cursor from this API; pass endCursor from a previous page',
    });
    const forged = Buffer.from('sae:3').toString('base64url');
    expect((await errorOf(`{ features(saeId: "${SAE_ID}", after: "${forged}") { totalCount } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('BAD_USER_INPUT for first outside 1..100 names the limit', async () => {
    for (const first of [0, 101, -5]) {
      const error = await errorOf(`query($first: Int) { features(saeId: "${SAE_ID}", first: $first) { totalCount } }`, { first });
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(`first must be between 1 and 100`);
    }
    const nested = await errorOf(`{ feature(id: "${SAE_ID}/0") { topActivations(first: 500) { rank } } }`);
    expect(nested).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('limit is 100') });
    const ok = await server.gql(`{ features(saeId: "${SAE_ID}", first: 100, after: "${encodeCursor(0)}") { totalCount } }`);
    expect(ok.errors).toBeUndefined();
  });

  it('points at the failing field', async () => {
    const { data, errors } = await server.gql(`{ models { id } model(id: "nope") { id } }`);
    expect(data).toBeNull(); // model is non-null at the root
    expect(errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['model'], 'NOT_FOUND']]);
  });

  it('rejects queries nested deeper than 10 fields', async () => {
    const deep = `{ feature(id: "${SAE_ID}/0") { sae { model { saes { features { edges { node { sae { model { saes { id } } } } } } } } } } }`;
    const error = await errorOf(deep);
    expect(error).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'This operation nests fields 11 levels deep; the limit is 10. Split it into several queries.',
    });
  });

  it('answers unparsable requests with a code and a message', async () => {
    expect(await errorOf(`{ models { id `)).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(await errorOf(`{ models { nope } }`)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringContaining('nope') });
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toMatch(/^Request body is not valid JSON/);
  });

  it('keeps Apollo CSRF prevention: simple requests are blocked, JSON ones pass', async () => {
    const simple = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ models { id } }"}' });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain('Cross-Site Request Forgery');
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ models { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { models: unknown[] } }).data.models).toHaveLength(2);
  });

  it('logged nothing for client errors', () => {
    expect(server.logged).toEqual([]);
  });
});

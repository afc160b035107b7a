import { getIntrospectionQuery } from 'graphql';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** This machine's addresses other than loopback (where a server on every interface would also answer). */
const outwardAddresses = Object.values(networkInterfaces()).flat()
  .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4')
  .map((info) => info!.address);

describe('the HTTP surface', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxResponseBytes: 1_000 } });
  });
  afterAll(() => server?.close());

  it('listens on 127.0.0.1 only unless HOST says otherwise', async () => {
    const { hostname, port } = new URL(server.url);
    expect(hostname).toBe('127.0.0.1');
    for (const address of outwardAddresses) {
      const outcome = await fetch(`http://${address}:${port}/graphql`, { method: 'POST', body: '{}' }).then(() => 'answered', () => 'refused');
      expect(`${address}: ${outcome}`).toBe(`${address}: refused`);
    }
  });

  it('answers GET queries that carry a preflight header, with a cacheable response; plain GET is refused as possible CSRF', async () => {
    const search = `?query=${encodeURIComponent('{ models { id } }')}`;
    const plain = await fetch(`${server.url}${search}`);
    expect(plain.status).toBe(400);
    const refusal = (await plain.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refusal.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(refusal.errors[0]?.message).toContain('apollo-require-preflight');

    const allowed = await fetch(`${server.url}${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('cache-control')).toBe('max-age=60, public');
    expect(await allowed.json()).toEqual({ data: { models: [{ id: 'demo-lm' }, { id: 'tiny-lm' }] } });
    // No CORS: a browser on another origin cannot read the answer.
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();

    const mutation = await fetch(`${server.url}?query=${encodeURIComponent('mutation { x }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(400);
  });

  it('answers 200 with the errors to clients that accept only application/json (GraphQL over HTTP), 400 to the others', async () => {
    const ask = (accept: string) => fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query: '{ models { nope } }' }),
    });
    const legacy = await ask('application/json');
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await ask('application/graphql-response+json')).status).toBe(400);
  });

  it('marks answers that hold uncacheable fields no-store', async () => {
    const response = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses bodies over 1 MB (413), batches, and answers over the response limit', async () => {
    const big = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_000_001)}` }),
    });
    expect(big.status).toBe(413);
    const batch = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
    const large = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    expect(large.status).toBe(400);
    const body = (await large.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(body.errors[0]?.message).toMatch(/^The answer to this query is [\d.]+ kB; the limit is 1\.0 kB\. Ask for smaller pages/);
  });
});

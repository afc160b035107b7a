import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('the local GraphiQL IDE', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
  });
  afterAll(() => server?.close());

  const browserGet = (path: string) => fetch(new URL(path, server.origin), { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

  it('serves the IDE page on GET /graphql for browsers, pointed at /graphql, with no external URLs', async () => {
    const response = await browserGet('/graphql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<div id="graphiql" data-endpoint="/graphql">');
    expect(html).toContain('<script src="/ide/graphiql.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/ide/graphiql.css">');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/src="\/\/|href="\/\//);
  });

  it('serves the same page on GET /', async () => {
    const response = await browserGet('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('id="graphiql"');
  });

  it('serves the bundled GraphiQL JS and CSS from this process', async () => {
    const js = await fetch(new URL('/ide/graphiql.js', server.origin));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await js.text();
    expect(source.length).toBeGreaterThan(100_000);
    expect(source).toContain('graphiql');
    const css = await fetch(new URL('/ide/graphiql.css', server.origin));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  });

  it('answers the IDE introspection POST (application/json passes CSRF prevention)', async () => {
    const response = await fetch(new URL('/graphql', server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: server.origin },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('does not serve Apollo landing page or unknown paths', async () => {
    const notFound = await fetch(new URL('/elsewhere', server.origin));
    expect(notFound.status).toBe(404);
    const body = (await notFound.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    const html = await (await browserGet('/graphql')).text();
    expect(html).not.toContain('apollo');
  });
});

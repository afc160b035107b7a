import { AtlasError } from '@atlas/errors';
import { afterAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/auth/viewer.ts';
import { startTestServer, testDatabases, type TestServer } from '../support/test-server.ts';

class KeyError extends AtlasError {
  static override defaultCode = 'UNAUTHENTICATED' as const;
}

/** A viewer resolver as the contributions domain will plug in: `x-api-key: key-<id>` is a key, `bad` is refused. */
async function viewerFromKey(request: { headers: Record<string, string | string[] | undefined> }): Promise<Viewer> {
  const key = request.headers['x-api-key'];
  if (key === undefined) return { kind: 'anonymous' };
  if (key === 'bad') throw new KeyError('This API key is not valid (revoked or mistyped). Make a new one on your account page.');
  return { kind: 'apiKey', keyId: String(key), userId: 'u1', role: 'member', scopes: ['read'] };
}

async function ask(server: TestServer, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), error: body.errors?.[0] };
}

describe.each(testDatabases)('rate limits (%s)', (database) => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers.reverse()) await server.close();
  });

  it('limit anonymous clients by address and API keys by key, answering 429 RATE_LIMITED with retry-after', async () => {
    const server = await startTestServer({
      seed: false, database, resolveViewer: viewerFromKey,
      rateLimits: { anonymousPerMinute: 3, keyPerMinute: 5, exempt: [] },
    });
    servers.push(server);
    for (let i = 0; i < 3; i += 1) expect((await ask(server)).status).toBe(200);
    const refused = await ask(server);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.error?.extensions.code).toBe('RATE_LIMITED');
    expect(refused.error?.message).toMatch(/^Too many requests: the limit is 3 requests per minute from one address without an API key\. Retry in \d+ s\. Scripts that need more can send an API key\.$/);
    // A key has its own budget, counted apart from the address it calls from.
    for (let i = 0; i < 5; i += 1) expect((await ask(server, { 'x-api-key': 'key-1' })).status).toBe(200);
    expect((await ask(server, { 'x-api-key': 'key-1' })).error?.message).toContain('the limit is 5 requests per minute for one API key');
    expect((await ask(server, { 'x-api-key': 'key-2' })).status).toBe(200);
  });

  it('refuse invalid credentials with 401 UNAUTHENTICATED and the resolver\'s message', async () => {
    const server = await startTestServer({ seed: false, database, resolveViewer: viewerFromKey, rateLimits: { exempt: [] } });
    servers.push(server);
    const refused = await ask(server, { 'x-api-key': 'bad' });
    expect(refused).toMatchObject({
      status: 401,
      error: { message: 'This API key is not valid (revoked or mistyped). Make a new one on your account page.', extensions: { code: 'UNAUTHENTICATED' } },
    });
  });

  it('leave loopback clients (the web app on this host) alone by default', async () => {
    const server = await startTestServer({ seed: false, database, rateLimits: { anonymousPerMinute: 1 } });
    servers.push(server);
    for (let i = 0; i < 4; i += 1) expect((await ask(server)).status).toBe(200);
  });

  if (database === 'postgres') {
    it('share their counters across API instances on one Postgres database (table rate_limits)', async () => {
      const first = await startTestServer({ seed: false, database, rateLimits: { anonymousPerMinute: 4, exempt: [] } });
      servers.push(first);
      const second = await startTestServer({ seed: false, db: first.db, rateLimits: { anonymousPerMinute: 4, exempt: [] } });
      servers.push(second);
      expect((await ask(first)).status).toBe(200);
      expect((await ask(second)).status).toBe(200);
      expect((await ask(first)).status).toBe(200);
      expect((await ask(second)).status).toBe(200);
      expect((await ask(first)).status).toBe(429);
      expect((await ask(second)).status).toBe(429);
    });
  }
});

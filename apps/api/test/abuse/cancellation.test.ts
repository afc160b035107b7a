import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domainsWithSlow, slowWork } from '../support/slow-domain.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SLOW = '{ slow { untilCancelled { after } } }';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Let the execution that was waiting finish its microtasks (and refuse its next fields). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('work that outlives its request is stopped', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, domains: domainsWithSlow, limits: { timeoutMs: 1_000 } });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    Object.assign(slowWork, { started: 0, reasons: [], resolvedAfterWait: 0 });
  });

  it('a request past the time limit gets QUERY_TOO_COSTLY at once, and its resolvers stop', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SLOW }) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      errors: [{
        message: 'This request ran for more than 1 s, the limit, and its work was stopped. Ask for less (smaller pages, fewer fields), or retry when the server is less busy.',
        extensions: { code: 'QUERY_TOO_COSTLY' },
      }],
    });
    await until(() => slowWork.reasons.length === 1);
    await settle();
    expect(slowWork.reasons).toEqual(['QUERY_TOO_COSTLY']);
    expect(slowWork.resolvedAfterWait).toBe(0);
    expect(server.logged).toEqual([]);
  });

  it('a client that goes away cancels its request: the resolvers waiting hear CANCELLED and nothing after them runs', async () => {
    const client = new AbortController();
    const answer = fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SLOW }), signal: client.signal,
    }).catch((error: unknown) => error);
    await until(() => slowWork.started === 1);
    client.abort();
    expect(await answer).toBeInstanceOf(Error);
    await until(() => slowWork.reasons.length === 1);
    await settle();
    expect(slowWork.reasons).toEqual(['CANCELLED']);
    expect(slowWork.resolvedAfterWait).toBe(0);
    // The server is fine.
    expect(await server.data<{ __typename: string }>('{ __typename }')).toEqual({ __typename: 'Query' });
  });
});

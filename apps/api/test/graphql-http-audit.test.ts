import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** The GraphQL over HTTP spec's server audit (graphql-http), every item, against the running API. */
describe('GraphQL over HTTP audit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
  });
  afterAll(() => server?.close());

  it('passes every audit with no error and no warning; the only notices are GETs without a CSRF preflight header', async () => {
    const results = await Promise.all(serverAudits({ url: () => server.url, fetchFn: fetch }).map(async (audit) => ({ ...(await audit.fn()), name: audit.name })));
    expect(results.length).toBeGreaterThan(50);
    const notOk = results.filter((result) => result.status !== 'ok');
    expect(notOk.filter((result) => result.status !== 'notice').map((result) => `${result.status}: ${result.name}`)).toEqual([]);
    // MAYs the API declines on purpose: a GET must carry a header a cross-site form cannot send
    // (Apollo's CSRF prevention), and the audit's GETs carry none.
    expect(notOk.map((result) => result.name).sort()).toEqual([
      'MAY accept application/x-www-form-urlencoded formatted GET requests',
      'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
      'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
    ]);
  });
});

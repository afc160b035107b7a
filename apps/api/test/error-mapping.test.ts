import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainsWithProbe } from './support/probe-domain.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const MASKED = 'Internal server error. It has been logged; please retry or report it.';

describe('formatError maps every error in one place', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, domains: domainsWithProbe });
  });
  afterAll(() => server?.close());

  async function failure(kind: string) {
    server.logged.length = 0;
    const { data, errors } = await server.gql(`query($kind: String!) { probe { fail(kind: $kind) } }`, { kind });
    expect(data).toEqual({ probe: { fail: null } });
    expect(errors).toHaveLength(1);
    return { ...errors![0]!, logged: [...server.logged] };
  }

  it('sends a user-facing AtlasError from any package with its code and message, and logs nothing', async () => {
    expect(await failure('atlasUserFacing')).toEqual({
      message: 'The probe is already running; wait for it to finish.',
      locations: [{ line: 1, column: 33 }],
      path: ['probe', 'fail'],
      extensions: { code: 'CONFLICT' },
      logged: [],
    });
  });

  it('keeps a GraphQLError raised with one of our codes', async () => {
    expect(await failure('graphqlOurCode')).toMatchObject({ message: 'No probe here.', extensions: { code: 'NOT_FOUND' }, logged: [] });
  });

  it.each(['atlasInternal', 'graphqlOtherCode', 'plain'])('masks %s and logs it once, compactly, with the request id and stack', async (kind) => {
    const error = await failure(kind);
    expect(error).toMatchObject({ message: MASKED, path: ['probe', 'fail'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(error.extensions)).not.toContain('secret');
    expect(error.logged).toHaveLength(1);
    const line = String(error.logged[0]?.[0]);
    expect(line).toMatch(/^Unexpected error in request [0-9a-f-]{36} at probe\.fail: \w+: .*secret detail/);
    expect(line).toContain('\n    at ');
  });

  it('logs the same failure again within a minute in one line, without its stack', async () => {
    await failure('plain');
    const again = await failure('plain');
    expect(again.logged).toHaveLength(1);
    expect(String(again.logged[0]?.[0])).toMatch(/at probe\.fail: Error: plain failure: secret detail \(again; stack logged earlier\)$/);
  });

  it('serves Mutation fields a domain adds (the registered domains add none)', async () => {
    expect(await server.data<{ touchProbe: number }>('mutation { touchProbe }')).toEqual({ touchProbe: 1 });
  });
});

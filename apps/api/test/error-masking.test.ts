import * as atlasDb from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAE_ID } from './support/atlas-fixture.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

vi.mock('@atlas/db', async (importOriginal) => (await import('./support/spied-db.ts')).spyOnReads(importOriginal));

describe('unexpected errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('are masked as INTERNAL_SERVER_ERROR for the client and logged in full', async () => {
    vi.mocked(atlasDb.getHistograms).mockRejectedValueOnce(new Error('relation "feature_histogram_bins" is locked: secret detail'));
    const { data, errors } = await server.gql(`{ feature(id: "${SAE_ID}/0") { id histogram { total } } }`);
    expect(data).toBeNull();
    expect(errors).toEqual([
      {
        message: 'Internal server error. It has been logged; please retry or report it.',
        locations: [{ line: 1, column: expect.any(Number) }],
        path: ['feature', 'histogram'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('secret');
    expect(server.logged).toHaveLength(1);
    expect(String(server.logged[0]?.[0])).toMatch(/^Unexpected error in request [0-9a-f-]{36} at feature\.histogram: Error: .*secret detail/);
  });
});

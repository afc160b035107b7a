import * as atlasDb from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAE_ID } from './support/atlas-fixture.ts';
import { domainsWithProbe } from './support/probe-domain.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

vi.mock('@atlas/db', async (importOriginal) => (await import('./support/spied-db.ts')).spyOnReads(importOriginal));

describe('the response cache', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ domains: domainsWithProbe, limits: { responseCacheBytes: 1_000_000 } });
  });
  afterAll(() => server?.close());

  const FEATURE = `{ feature(id: "${SAE_ID}/0") { id label { text } topActivations { tokens } } }`;

  it('answers a catalog query asked again from memory, and reads again after any mutation', async () => {
    const first = await server.data(FEATURE);
    const reads = vi.mocked(atlasDb.getTopActivations).mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(await server.data(FEATURE)).toEqual(first);
    expect(vi.mocked(atlasDb.getTopActivations).mock.calls.length).toBe(reads);
    await server.data('mutation { touchProbe }');
    expect(await server.data(FEATURE)).toEqual(first);
    expect(vi.mocked(atlasDb.getTopActivations).mock.calls.length).toBe(reads + 1);
  });

  it('never keeps answers holding fields without a cache hint', async () => {
    const query = '{ probe { requestId } }';
    const a = await server.data<{ probe: { requestId: string } }>(query);
    const b = await server.data<{ probe: { requestId: string } }>(query);
    expect(a.probe.requestId).not.toBe(b.probe.requestId);
  });
});

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

  it('sends a kept answer byte for byte, with its age, and never keeps an answer with errors', async () => {
    const post = (query: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const query = `{ feature(id: "${SAE_ID}/1") { id topActivations { tokens values } } }`;
    const first = await post(query);
    const firstText = await first.text();
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    const reads = vi.mocked(atlasDb.getTopActivations).mock.calls.length;
    const second = await post(query);
    expect(await second.text()).toBe(firstText);
    expect(second.status).toBe(200);
    expect(second.headers.get('age')).toMatch(/^\d+$/);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(vi.mocked(atlasDb.getTopActivations).mock.calls.length).toBe(reads);
    // Not found: an answer with errors is computed again every time.
    const missing = `{ feature(id: "${SAE_ID}/999999") { id } }`;
    expect(((await (await post(missing)).json()) as { errors?: unknown }).errors).toBeDefined();
    const again = await post(missing);
    expect(again.headers.get('age')).toBeNull();
    expect(((await again.json()) as { errors?: unknown }).errors).toBeDefined();
  });

  it('never keeps answers holding fields without a cache hint', async () => {
    const query = '{ probe { requestId } }';
    const a = await server.data<{ probe: { requestId: string } }>(query);
    const b = await server.data<{ probe: { requestId: string } }>(query);
    expect(a.probe.requestId).not.toBe(b.probe.requestId);
  });
});

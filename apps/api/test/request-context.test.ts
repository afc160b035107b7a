import { openDatabase, type AtlasDb } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../src/index.ts';
import { domainsWithProbe } from './support/probe-domain.ts';

type Probe = { requestId: string; clientAddress: string | null; header: string; loaderDomains: string[]; freshLoaders: boolean };
const PROBE = `{ probe { requestId clientAddress header(name: "x-probe") loaderDomains freshLoaders } }`;
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A probe query over real HTTP with extra headers; the body's probe and the response's x-request-id. */
async function probe(server: ApiServer, headers: Record<string, string> = {}): Promise<{ probe: Probe; requestId: string | null }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: PROBE }),
  });
  const body = (await response.json()) as { data: { probe: Probe } };
  return { probe: body.data.probe, requestId: response.headers.get('x-request-id') };
}

describe('the request context', () => {
  let db: AtlasDb;
  let direct: ApiServer;
  let behindLoopbackProxy: ApiServer;
  let behindTwoHops: ApiServer;
  beforeAll(async () => {
    db = await openDatabase({ inMemory: true });
    const serve = (trustProxy?: false | number | string[]) =>
      createApiServer({ db, port: 0, domains: domainsWithProbe, ...(trustProxy === undefined ? {} : { trustProxy }) });
    [direct, behindLoopbackProxy, behindTwoHops] = await Promise.all([serve(), serve(['loopback']), serve(2)]);
  });
  afterAll(async () => {
    await Promise.all([direct?.stop(), behindLoopbackProxy?.stop(), behindTwoHops?.stop()]);
    await db?.close();
  });

  it('carries a fresh request id, sent back as x-request-id, and the request headers', async () => {
    const first = await probe(direct, { 'x-probe': 'hello' });
    const second = await probe(direct);
    expect(first.probe.requestId).toMatch(UUID);
    expect(first.requestId).toBe(first.probe.requestId);
    expect(second.probe.requestId).not.toBe(first.probe.requestId);
    expect(first.probe.header).toBe('hello');
  });

  it('takes the client address from the socket and ignores x-forwarded-for unless TRUST_PROXY says so', async () => {
    const { probe: answer } = await probe(direct, { 'x-forwarded-for': '203.0.113.7' });
    expect(answer.clientAddress).toMatch(LOOPBACK);
  });

  it('believes x-forwarded-for from trusted proxies only', async () => {
    // The socket's peer (loopback) is trusted, so the forwarded address is the client's...
    expect((await probe(behindLoopbackProxy, { 'x-forwarded-for': '203.0.113.7' })).probe.clientAddress).toBe('203.0.113.7');
    // ...but 203.0.113.7 is not a trusted proxy, so what it claims to forward is not believed.
    expect((await probe(behindLoopbackProxy, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).probe.clientAddress).toBe('203.0.113.7');
    expect((await probe(behindLoopbackProxy)).probe.clientAddress).toMatch(LOOPBACK);
    // Two trusted hops: the socket's peer and the nearest forwarder.
    expect((await probe(behindTwoHops, { 'x-forwarded-for': '192.0.2.9, 198.51.100.1, 203.0.113.7' })).probe.clientAddress).toBe('198.51.100.1');
  });

  it('gives every domain its own loaders, created afresh for each request', async () => {
    const first = await probe(direct);
    const second = await probe(direct);
    expect(first.probe.loaderDomains).toEqual(['catalog', 'jobs', 'steering', 'search', 'selection', 'compare', 'contributions', 'labelScores', 'probe']);
    expect([first.probe.freshLoaders, second.probe.freshLoaders]).toEqual([true, true]);
  });
});

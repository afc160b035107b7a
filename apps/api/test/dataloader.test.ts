import * as atlasDb from '@atlas/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAE_ID } from './support/atlas-fixture.ts';
import { READ_FUNCTIONS } from './support/spied-db.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

vi.mock('@atlas/db', async (importOriginal) => (await import('./support/spied-db.ts')).spyOnReads(importOriginal));

/** Calls per @atlas/db read function since the last clear (zero counts left out). */
function dbCalls(): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const name of READ_FUNCTIONS) {
    const count = vi.mocked(atlasDb[name]).mock.calls.length;
    if (count > 0) calls[name] = count;
  }
  return calls;
}

const PAGE_WITH_EVERYTHING = `query($sae: ID!, $first: Int) {
  features(saeId: $sae, first: $first) {
    totalCount
    edges { node {
      id
      sae { id model { id } }
      topActivations { tokens values }
      histogram { total }
      decoderVector
      label { text }
      decoderNeighbours { cosine feature { id } }
      logitEffects { positive { token } negative { token } }
      headAttribution { head share }
      quantileExamples { lower upper examples { tokens values } }
      encoderDecoderCosine isDead isDense
    } }
  }
}`;

describe('DataLoader batching', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A page of 100 with every field costs ~30,000, over the default maximum: this suite is about batching.
    server = await startTestServer({ limits: { maxCost: 100_000 } });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('loads a features page with all per-feature fields in one call per query function', async () => {
    const { data, errors } = await server.gql(PAGE_WITH_EVERYTHING, { sae: SAE_ID, first: 7 });
    expect(errors).toBeUndefined();
    expect(data?.features.edges).toHaveLength(7);
    expect(dbCalls()).toEqual({
      getSaesByIds: 1,
      listFeatures: 1,
      countFeatures: 1,
      getModelsByIds: 1,
      getTopActivations: 1,
      getHistograms: 1,
      getDecoderVectors: 1,
      getCurrentLabels: 1,
      getFeatureNeighbours: 1,
      getLogitEffects: 1,
      getQuantileExamples: 1,
      getHeadAttributions: 1,
    });
    expect(vi.mocked(atlasDb.getTopActivations).mock.calls[0]?.[1]).toHaveLength(7);
  });

  it('does not grow with the page size', async () => {
    await server.gql(PAGE_WITH_EVERYTHING, { sae: SAE_ID, first: 2 });
    const small = dbCalls();
    vi.clearAllMocks();
    await server.gql(PAGE_WITH_EVERYTHING, { sae: SAE_ID, first: 100 });
    expect(dbCalls()).toEqual(small);
  });

  it('batches features requested by id and nested model → saes lists', async () => {
    const { errors } = await server.gql(`{
      a: feature(id: "${SAE_ID}/0") { id topActivations { rank } }
      b: feature(id: "${SAE_ID}/3") { id topActivations { rank } }
      c: feature(id: "${SAE_ID}/4") { id topActivations { rank } }
      models { saes { id } }
    }`);
    expect(errors).toBeUndefined();
    // The SAE row may still be shared from an earlier request (rows shared for 2 s, below).
    const { getSaesByIds = 0, ...calls } = dbCalls();
    expect(getSaesByIds).toBeLessThanOrEqual(1);
    expect(calls).toEqual({ getFeaturesByIndex: 1, getTopActivations: 1, listModels: 1, listSaes: 1 });
  });

  it('uses fresh loaders per request (no cross-request cache of features and their data)', async () => {
    const query = `{ feature(id: "${SAE_ID}/1") { id topActivations { rank } } }`;
    await server.gql(query);
    await server.gql(query);
    expect(dbCalls()).toMatchObject({ getFeaturesByIndex: 2, getTopActivations: 2 });
  });

  it('shares SAE rows across the requests of 2 s (they change only when an SAE is built or imported)', async () => {
    // The clock (Date alone) stands still, then jumps: the test does not depend on how fast the machine is.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      vi.mocked(atlasDb.getSaesByIds).mockClear();
      await server.gql(`{ sae(id: "${SAE_ID}") { id } }`);
      await server.gql(`{ sae(id: "${SAE_ID}") { id } }`);
      expect(vi.mocked(atlasDb.getSaesByIds).mock.calls.length).toBe(1);
      vi.setSystemTime(Date.now() + 2_001);
      await server.gql(`{ sae(id: "${SAE_ID}") { id } }`);
      expect(vi.mocked(atlasDb.getSaesByIds).mock.calls.length).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

import { deleteSae, getFeaturesByIndex, getHeadAttributions } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../src/generated/resolvers-types.ts';
import { SAE_ID } from './support/atlas-fixture.ts';
import { HEAD_COUNT, HOOK_Z_FEATURES, HOOK_Z_SAE_ID, seedHookZSae } from './support/head-attribution-fixture.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('Feature.headAttribution', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedHookZSae(server.db);
  });
  afterAll(() => server?.close());

  it('serves each head’s share of the decoder row for an SAE on attn.hook_z, heads in order', async () => {
    const { features } = await server.data(
      `query($sae: ID!) { features(saeId: $sae) { edges { node { index headAttribution { head share } decoderVector } } } }`,
      { sae: HOOK_Z_SAE_ID },
    );
    const nodes = features.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(HOOK_Z_FEATURES.length);
    for (const node of nodes) {
      const expected = HOOK_Z_FEATURES[node.index]!.shares.map((share, head) => ({ head, share }));
      expect(node.headAttribution).toEqual(expected);
      expect(node.headAttribution).toHaveLength(HEAD_COUNT);
      expect(node.headAttribution!.reduce((sum, { share }) => sum + share, 0)).toBeCloseTo(1, 6);
    }
  });

  it('is null for features of SAEs on other hooks', async () => {
    const data = await server.data<{ feature: Feature }>(`query($id: ID!) { feature(id: $id) { headAttribution { head } } }`, {
      id: `${SAE_ID}/0`,
    });
    expect(data.feature.headAttribution).toBeNull();
  });

  it('goes with its SAE: deleting the SAE cascades to its head rows', async () => {
    const stored = await getFeaturesByIndex(server.db, [0, 1, 2].map((index) => ({ saeId: HOOK_Z_SAE_ID, index })));
    const ids = stored.map((feature) => feature.id);
    expect((await getHeadAttributions(server.db, ids)).size).toBe(3);
    await deleteSae(server.db, HOOK_Z_SAE_ID);
    expect((await getHeadAttributions(server.db, ids)).size).toBe(0);
  });
});

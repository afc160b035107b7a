import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabelVersion, createLabel, listFeatures } from '@atlas/db';
import type { Query } from '../src/generated/resolvers-types.ts';
import { SAE_ID, STORED_INDEXES } from './support/atlas-fixture.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

const PAGE = `query($sae: ID!, $first: Int, $after: String, $orderBy: FeatureOrder, $quality: FeatureQuality, $label: String) {
  features(saeId: $sae, first: $first, after: $after, orderBy: $orderBy, quality: $quality, labelContains: $label) {
    totalCount
    edges { node { index density maxActivation isDead isDense } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The fixture: features 0–4, 6, 7 with density (index + 1) / 100 and max activation 8 − index; 4 is dead, 6 dense. */
describe.each(testDatabases)('feature lists sorted and filtered (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server?.close());

  /** Every index of a list, walking its pages two at a time with endCursor. */
  async function walk(variables: Record<string, unknown>): Promise<{ indexes: number[]; totals: number[] }> {
    const indexes: number[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const { features }: Query = await server.data(PAGE, { sae: SAE_ID, first: 2, after, ...variables });
      indexes.push(...features.edges.map((edge) => edge.node.index));
      totals.push(features.totalCount);
      if (!features.pageInfo.hasNextPage) break;
      after = features.pageInfo.endCursor ?? null;
    }
    return { indexes, totals };
  }

  it('orders by density and by max activation, both ways, across pages', async () => {
    expect((await walk({ orderBy: 'DENSITY_DESC' })).indexes).toEqual([7, 6, 4, 3, 2, 1, 0]);
    expect((await walk({ orderBy: 'DENSITY_ASC' })).indexes).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect((await walk({ orderBy: 'MAX_ACTIVATION_DESC' })).indexes).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect((await walk({ orderBy: 'MAX_ACTIVATION_ASC' })).indexes).toEqual([7, 6, 4, 3, 2, 1, 0]);
    expect((await walk({})).indexes).toEqual(STORED_INDEXES);
  });

  it('keeps live, dead or dense features, and totalCount counts what the filter keeps', async () => {
    expect(await walk({ quality: 'LIVE' })).toEqual({ indexes: [0, 1, 2, 3, 7], totals: [5, 5, 5] });
    expect(await walk({ quality: 'DEAD' })).toEqual({ indexes: [4], totals: [1] });
    expect(await walk({ quality: 'DENSE', orderBy: 'DENSITY_DESC' })).toEqual({ indexes: [6], totals: [1] });
    expect((await walk({ quality: 'ALL' })).totals[0]).toBe(STORED_INDEXES.length);
  });

  it('keeps features whose current label contains a text, literally and case-insensitively', async () => {
    const rows = await listFeatures(server.db, { saeId: SAE_ID, afterIndex: null, limit: 100 });
    const id = (index: number) => rows.find((row) => row.index === index)!.id;
    await createLabel(server.db, { featureId: id(1), text: 'Whale ships', source: 'human' });
    await createLabel(server.db, { featureId: id(3), text: 'whaling 100% of the time', source: 'human' });
    // Feature 6's label once said "whale"; its current version does not.
    const old = await createLabel(server.db, { featureId: id(6), text: 'whale', source: 'human' });
    await addLabelVersion(server.db, { labelId: old.labelId, text: 'harbour' });
    expect(await walk({ label: 'WHAL' })).toEqual({ indexes: [1, 3], totals: [2] });
    expect(await walk({ label: ' whale ', orderBy: 'DENSITY_DESC' })).toEqual({ indexes: [1], totals: [1] });
    expect(await walk({ label: '100%' })).toEqual({ indexes: [3], totals: [1] });
    expect(await walk({ label: '_' })).toEqual({ indexes: [], totals: [0] });
    const { errors } = await server.gql(PAGE, { sae: SAE_ID, label: '   ' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/labelContains must be 1 to 200 characters/);
  });

  it('refuses an unknown order, naming the argument', async () => {
    const { errors } = await server.gql(PAGE, { sae: SAE_ID, orderBy: 'LOUDEST' });
    expect(errors?.[0]?.message).toMatch(/FeatureOrder/);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/cursor.ts';
import type { Query } from '../src/generated/resolvers-types.ts';
import { SAE_ID, STORED_INDEXES } from './support/atlas-fixture.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

const PAGE = `query($sae: ID!, $first: Int, $after: String) {
  features(saeId: $sae, first: $first, after: $after) {
    totalCount
    edges { cursor node { id index } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe.each(testDatabases)('Relay-style feature pagination (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server?.close());

  it('walks every page with endCursor until hasNextPage is false', async () => {
    const pages: number[][] = [];
    let after: string | null = null;
    for (;;) {
      const { features: connection }: Query = await server.data(PAGE, { sae: SAE_ID, first: 3, after });
      expect(connection.totalCount).toBe(STORED_INDEXES.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      pages.push(connection.edges.map((edge) => edge.node.index));
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([
      [0, 1, 2],
      [3, 4, 6],
      [7],
    ]);
  });

  it('uses opaque cursors and readable node ids', async () => {
    const { features } = await server.data(PAGE, { sae: SAE_ID, first: 2 });
    expect(features.edges).toEqual([
      { cursor: encodeCursor(0), node: { id: `${SAE_ID}/0`, index: 0 } },
      { cursor: encodeCursor(1), node: { id: `${SAE_ID}/1`, index: 1 } },
    ]);
    expect(Buffer.from(features.edges[1]?.cursor ?? '', 'base64url').toString()).toBe('feature:1');
  });

  it('defaults to 25 and returns an empty last page after the end', async () => {
    const all = await server.data(PAGE, { sae: SAE_ID });
    expect(all.features.edges).toHaveLength(STORED_INDEXES.length);
    expect(all.features.pageInfo.hasNextPage).toBe(false);

    const beyond = await server.data(PAGE, { sae: SAE_ID, after: encodeCursor(7) });
    expect(beyond.features).toEqual({
      totalCount: STORED_INDEXES.length,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it('pages Sae.features the same way', async () => {
    const first = await server.data(`query($id: ID!) { sae(id: $id) { features(first: 4) { edges { node { index } } pageInfo { hasNextPage endCursor } } } }`, {
      id: SAE_ID,
    });
    const page = first.sae.features;
    expect(page.edges.map((edge) => edge.node.index)).toEqual([0, 1, 2, 3]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await server.data(`query($id: ID!, $after: String) { sae(id: $id) { features(first: 4, after: $after) { edges { node { index } } pageInfo { hasNextPage } } } }`, {
      id: SAE_ID,
      after: page.pageInfo.endCursor,
    });
    expect(next.sae.features).toEqual({ edges: [{ node: { index: 4 } }, { node: { index: 6 } }, { node: { index: 7 } }], pageInfo: { hasNextPage: false } });
  });
});

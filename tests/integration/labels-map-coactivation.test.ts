import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLlmLabeller } from '@atlas/labels';
import { labelSaeWithLlm, silentProgress } from '@atlas/pipeline';
import { graphql } from '../support/graphql.ts';
import { serveTinyAtlas } from '../support/tiny-atlas.ts';

type MapPage = { points: { featureId: string; index: number; x: number; y: number; label: string | null }[]; hasNextPage: boolean; endCursor: string | null };

// The real pipeline (demo LM → TopK SAE → statistics with co-activation → token-profile UMAP and
// captioned clusters → machine labels)
// into PGlite, then the new fields over real HTTP.
describe('machine labels, the feature map and co-activation, built and served', () => {
  const tiny = serveTinyAtlas();

  it('labels every firing feature from its top tokens and leaves dead ones unlabelled', async () => {
    const { data, errors } = await graphql<{ features: { edges: { node: { isDead: boolean; label: { text: string; source: string } | null; topActivations: { tokens: string[]; maxPosition: number }[] } }[] } }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node { isDead label { text source } topActivations { tokens maxPosition } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    expect(errors).toBeUndefined();
    const nodes = data!.features.edges.map((edge) => edge.node);
    for (const node of nodes) {
      if (node.isDead) {
        expect(node.label).toBeNull();
        continue;
      }
      expect(node.label?.source).toBe('MACHINE');
      // The label leads with a token some top context peaks on, with its share of the contexts.
      const peaks = node.topActivations.map((top) => top.tokens[top.maxPosition]!.trim().toLowerCase());
      const quotedFirst = /^(?:varied · )?"([^"]*)"/.exec(node.label!.text)?.[1]?.toLowerCase();
      expect(quotedFirst === undefined ? false : peaks.some((peak) => peak.startsWith(quotedFirst.replace(/…$/, '')) || (['⏎', '␣', '⇥', '∅'].includes(quotedFirst) && peak === ''))).toBe(true);
      expect(node.label!.text).toMatch(/\(\d+\/\d+\)/);
    }
    expect(nodes.filter((node) => node.label).length).toBeGreaterThan(10);
  });

  it('places every feature on the map and pages through it', async () => {
    const query = `query ($sae: ID!, $after: String) { sae(id: $sae) { map(first: 40, after: $after) { points { featureId index x y label } hasNextPage endCursor } } }`;
    const first = await graphql<{ sae: { map: MapPage } }>(tiny.url, query, { sae: tiny.atlas.result.saeId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.sae.map.hasNextPage).toBe(true);
    const second = await graphql<{ sae: { map: MapPage } }>(tiny.url, query, { sae: tiny.atlas.result.saeId, after: first.data!.sae.map.endCursor });
    const points = [...first.data!.sae.map.points, ...second.data!.sae.map.points];
    expect(second.data!.sae.map.hasNextPage).toBe(false);
    expect(points.map((p) => p.index)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(1);
      expect(point.featureId).toBe(`${tiny.atlas.result.saeId}/${point.index}`);
    }
    const inBox = await graphql<{ sae: { map: MapPage } }>(
      tiny.url,
      `query ($sae: ID!) { sae(id: $sae) { map(bounds: { minX: 0, minY: 0, maxX: 0.5, maxY: 0.5 }) { points { x y } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    for (const point of inBox.data!.sae.map.points) expect(Math.max(point.x, point.y)).toBeLessThanOrEqual(0.5);
    expect(inBox.data!.sae.map.points.length).toBeLessThan(64);

    const feature = await graphql<{ feature: { mapPosition: { x: number; y: number } } }>(
      tiny.url, `query ($id: ID!) { feature(id: $id) { mapPosition { x y } } }`, { id: points[5]!.featureId },
    );
    expect(feature.data!.feature.mapPosition).toEqual({ x: points[5]!.x, y: points[5]!.y });

    // Clusters: every placed feature in one, each cluster captioned and sized by its members.
    type Clustered = { sae: { map: { points: { cluster: number | null }[]; clusters: { cluster: number; caption: string; size: number }[] } } };
    const clustered = await graphql<Clustered>(
      tiny.url, `query ($sae: ID!) { sae(id: $sae) { map { points { cluster } clusters { cluster caption size } } } }`, { sae: tiny.atlas.result.saeId },
    );
    expect(clustered.errors).toBeUndefined();
    const { clusters, points: members } = clustered.data!.sae.map;
    expect(clusters.length).toBeGreaterThanOrEqual(2);
    expect(clusters.map((c) => c.cluster)).toEqual(clusters.map((_, i) => i));
    for (const cluster of clusters) {
      expect(cluster.caption.trim()).not.toBe('');
      expect(members.filter((p) => p.cluster === cluster.cluster)).toHaveLength(cluster.size);
    }
    expect(clusters.reduce((sum, c) => sum + c.size, 0)).toBe(64);

    const bad = await graphql(tiny.url, `query ($sae: ID!) { sae(id: $sae) { map(first: 10001) { hasNextPage } } }`, { sae: tiny.atlas.result.saeId });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inverted = await graphql(
      tiny.url, `query ($sae: ID!) { sae(id: $sae) { map(bounds: { minX: 1, minY: 0, maxX: 0, maxY: 1 }) { hasNextPage } } }`, { sae: tiny.atlas.result.saeId },
    );
    expect(inverted.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/minX <= maxX/) });
  });

  it('serves co-activating features ranked by Jaccard, from the same SAE', async () => {
    const { data, errors } = await graphql<{ features: { edges: { node: { id: string; coactivatingFeatures: { jaccard: number; feature: { id: string } }[] } }[] } }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node { id coactivatingFeatures { jaccard feature { id } } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    expect(errors).toBeUndefined();
    const lists = data!.features.edges.map((edge) => edge.node);
    expect(lists.filter((node) => node.coactivatingFeatures.length > 0).length).toBeGreaterThan(10);
    for (const node of lists) {
      expect(node.coactivatingFeatures.length).toBeLessThanOrEqual(10);
      node.coactivatingFeatures.forEach((partner, i) => {
        expect(partner.feature.id.startsWith(tiny.atlas.result.saeId)).toBe(true);
        expect(partner.feature.id).not.toBe(node.id);
        expect(partner.jaccard).toBeGreaterThan(0);
        expect(partner.jaccard).toBeLessThanOrEqual(1);
        if (i > 0) expect(partner.jaccard).toBeLessThanOrEqual(node.coactivatingFeatures[i - 1]!.jaccard);
      });
    }
  });

  it('labels the SAE with an LLM at a real local endpoint, resumably, and serves those labels', async () => {
    let requests = 0;
    // A real OpenAI-compatible server: it names each feature after the marked peak token.
    const server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      requests += 1;
      const user = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')!.content;
      const peak = /«([^»]*)»/.exec(user)?.[1]?.trim() || 'blank';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: `mentions of ${peak}` } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const labeller = createLlmLabeller({ url, model: 'peak-namer', concurrency: 3 });
      const run = () => labelSaeWithLlm(tiny.atlas.db, { saeId: tiny.atlas.result.saeId, labeller, progress: silentProgress, log: () => {}, batchSize: 16 });
      const first = await run();
      expect(first.failed).toBe(0);
      expect(first.labelled).toBeGreaterThan(10);
      expect(requests).toBe(first.labelled);
      const again = await run();
      expect(again).toEqual({ labelled: 0, skipped: 64, failed: 0 });
      expect(requests).toBe(first.labelled);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const { data } = await graphql<{ features: { edges: { node: { isDead: boolean; label: { text: string } | null } }[] } }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node { isDead label { text } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    // The newest label wins while nobody has voted.
    for (const { node } of data!.features.edges) if (!node.isDead) expect(node.label!.text).toMatch(/^mentions of/);
  });
});

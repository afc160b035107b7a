import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '@atlas/api';
import { buildAtlas, silentProgress } from '@atlas/pipeline';
import { graphql } from '../support/graphql.ts';
import { buildTinyAtlas, TINY_CORPUS, type TinyAtlas } from '../support/tiny-atlas.ts';

// The whole spine on a tiny corpus: demo LM → activations → TopK SAE → statistics → PGlite,
// then the real API over real HTTP.
describe('pipeline into PGlite, then GraphQL over HTTP', () => {
  let atlas: TinyAtlas;
  let api: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    atlas = await buildTinyAtlas();
    api = await createApiServer({ db: atlas.db, port: 0 });
  });

  afterAll(async () => {
    await api?.stop();
    await atlas?.db.close();
  });

  it('lists the model and the complete SAE', async () => {
    const { data, errors } = await graphql<{ models: { id: string; dModel: number; saes: { id: string }[] }[] }>(
      api.url,
      '{ models { id dModel saes { id } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.models).toEqual([{ id: 'demo-lm', dModel: 256, saes: [{ id: atlas.result.saeId }] }]);
  });

  it('serves features whose top activations are real corpus text with consistent values', async () => {
    const { data, errors } = await graphql<{
      features: { totalCount: number; edges: { node: { id: string; density: number; maxActivation: number; topActivations: { tokens: string[]; values: number[]; maxValue: number; maxPosition: number }[] } }[] };
    }>(
      api.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { totalCount edges { node {
         id density maxActivation topActivations { tokens values maxValue maxPosition } } } } }`,
      { sae: atlas.result.saeId },
    );
    expect(errors).toBeUndefined();
    expect(data!.features.totalCount).toBe(64);
    const firing = data!.features.edges.map((edge) => edge.node).filter((node) => node.density > 0);
    expect(firing.length).toBeGreaterThan(10);
    const normalisedCorpus = TINY_CORPUS.replace(/\s+/g, ' ');
    for (const feature of firing) {
      const [top, ...rest] = feature.topActivations;
      expect(top).toBeDefined();
      expect(top!.maxValue).toBeCloseTo(feature.maxActivation, 4);
      expect(top!.values[top!.maxPosition]).toBeCloseTo(top!.maxValue, 4);
      expect(top!.values).toHaveLength(top!.tokens.length);
      for (const example of rest) expect(example.maxValue).toBeLessThanOrEqual(top!.maxValue);
      // Tokens decode to a stretch of the corpus (contexts may cross a document end marker).
      const text = top!.tokens.join('').split('<|endoftext|>').map((part) => part.replace(/\s+/g, ' ').trim());
      for (const part of text.filter((piece) => piece.length > 20)) {
        expect(normalisedCorpus).toContain(part.slice(0, 20));
      }
    }
  });

  it('pages through features with cursors', async () => {
    const query = `query ($sae: ID!, $after: String) { features(saeId: $sae, first: 30, after: $after) {
      edges { node { index } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { features: { edges: { node: { index: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { data }: { data?: Page } = await graphql<Page>(api.url, query, { sae: atlas.result.saeId, after });
      seen.push(...data!.features.edges.map((edge) => edge.node.index));
      if (!data!.features.pageInfo.hasNextPage) break;
      after = data!.features.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  it('gives NOT_FOUND and BAD_USER_INPUT with helpful messages', async () => {
    const missing = await graphql(api.url, '{ feature(id: "demo-lm/nope/topk-1/3") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await graphql(api.url, `{ features(saeId: "${atlas.result.saeId}", first: 5000) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/100/);
    const badCursor = await graphql(api.url, `{ features(saeId: "${atlas.result.saeId}", after: "zzz") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('skips a second build of the same recipe and changes nothing', async () => {
    const again = await buildAtlas(atlas.recipe, {
      db: atlas.db, workDir: atlas.workDir, progress: silentProgress, log: () => {},
    });
    expect(again.skipped).toBe(true);
    const { data } = await graphql<{ saes: { id: string }[] }>(api.url, '{ saes { id } }');
    expect(data!.saes).toHaveLength(1);
  });
});

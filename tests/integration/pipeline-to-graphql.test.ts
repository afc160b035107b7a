import { describe, expect, it } from 'vitest';
import { loadLanguageModel, readTrainingTokenCounts, readUnembedding } from '@atlas/model';
import { buildAtlas, silentProgress } from '@atlas/pipeline';
import { graphql } from '../support/graphql.ts';
import { serveTinyAtlas, TINY_CORPUS } from '../support/tiny-atlas.ts';

// The whole spine on a tiny corpus: demo LM → activations → TopK SAE → statistics → PGlite,
// then the real API over real HTTP.
describe('pipeline into PGlite, then GraphQL over HTTP', () => {
  const tiny = serveTinyAtlas();

  it('lists the model and the complete SAE', async () => {
    const { data, errors } = await graphql<{ models: { id: string; dModel: number; saes: { id: string }[] }[] }>(
      tiny.url,
      '{ models { id dModel saes { id } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.models).toEqual([{ id: 'demo-lm', dModel: 256, saes: [{ id: tiny.atlas.result.saeId }] }]);
  });

  it('serves features whose top activations are real corpus text with consistent values', async () => {
    const { data, errors } = await graphql<{
      features: { totalCount: number; edges: { node: { id: string; density: number; maxActivation: number; topActivations: { tokens: string[]; values: number[]; maxValue: number; maxPosition: number }[] } }[] };
    }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { totalCount edges { node {
         id density maxActivation topActivations { tokens values maxValue maxPosition } } } } }`,
      { sae: tiny.atlas.result.saeId },
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

  it('serves decoder neighbours whose cosines match the decoder vectors it serves', async () => {
    type Node = { id: string; index: number; decoderVector: number[]; decoderNeighbours: { cosine: number; feature: { id: string; index: number } }[] };
    const { data, errors } = await graphql<{ features: { edges: { node: Node }[] } }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node {
         id index decoderVector decoderNeighbours { cosine feature { id index } } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    expect(errors).toBeUndefined();
    const nodes = data!.features.edges.map((edge) => edge.node);
    const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
    const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0) / (norm(a) * norm(b));
    for (const node of nodes) {
      expect(node.decoderNeighbours).toHaveLength(10);
      const direct = nodes
        .filter((other) => other.index !== node.index)
        .map((other) => cosine(node.decoderVector, other.decoderVector))
        .sort((a, b) => b - a);
      node.decoderNeighbours.forEach(({ cosine: served, feature }, rank) => {
        expect(feature.id).toBe(`${tiny.atlas.result.saeId}/${feature.index}`);
        expect(feature.index).not.toBe(node.index);
        // Stored decoders are halfvec (~3 significant digits); the ranking used full precision.
        expect(served).toBeCloseTo(cosine(node.decoderVector, nodes[feature.index]!.decoderVector), 2);
        expect(served).toBeCloseTo(direct[rank]!, 2);
      });
    }
  });

  it('serves logit effects equal to the decoder row times the tied unembedding, over the tokens seen in training', async () => {
    type Effects = { positive: { token: string; value: number }[]; negative: { token: string; value: number }[] };
    const { data, errors } = await graphql<{ features: { edges: { node: { decoderVector: number[]; logitEffects: Effects } }[] } }>(
      tiny.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 8) { edges { node {
         decoderVector logitEffects { positive { token value } negative { token value } } } } } }`,
      { sae: tiny.atlas.result.saeId },
    );
    expect(errors).toBeUndefined();
    const model = await loadLanguageModel(tiny.atlas.recipe.modelDir);
    const { weight, vocabSize, dModel } = readUnembedding(model);
    // The demo LM records its training token counts: tokens it never saw are left out of the ranking.
    const counts = readTrainingTokenCounts(model)!;
    expect(counts.filter((count) => count === 0).length).toBeGreaterThan(0);
    const seen = Array.from({ length: vocabSize }, (_, token) => token).filter((token) => counts[token]! > 0);
    for (const { node } of data!.features.edges) {
      const ranked = seen
        .map((token) => ({ token, logit: node.decoderVector.reduce((sum, x, d) => sum + x * weight[token * dModel + d]!, 0) }))
        .sort((a, b) => b.logit - a.logit);
      const logits = ranked.map((entry) => entry.logit);
      // Every served token is one the model saw: none decodes like a never-seen id.
      const unseenTexts = new Set(model.decodeTokens(Array.from({ length: vocabSize }, (_, t) => t).filter((t) => counts[t] === 0)));
      const seenTexts = new Set(model.decodeTokens(seen));
      for (const effect of [...node.logitEffects.positive, ...node.logitEffects.negative]) {
        if (unseenTexts.has(effect.token)) expect(seenTexts.has(effect.token), JSON.stringify(effect.token)).toBe(true);
      }
      const { positive, negative } = node.logitEffects;
      expect(positive).toHaveLength(10);
      expect(negative).toHaveLength(10);
      const scale = Math.max(Math.abs(logits[0]!), Math.abs(logits.at(-1)!));
      positive.forEach((effect, i) => expect(Math.abs(effect.value - logits[i]!)).toBeLessThan(0.01 * scale));
      negative.forEach((effect, i) => expect(Math.abs(effect.value - logits.at(-1 - i)!)).toBeLessThan(0.01 * scale));
      for (const effect of [...positive, ...negative]) expect(typeof effect.token).toBe('string');
    }
  });

  it('serves quantile examples inside their bins, and the quality fields', async () => {
    type Example = { tokens: string[]; values: number[]; maxValue: number; maxPosition: number };
    type Node = {
      index: number; density: number; maxActivation: number; encoderDecoderCosine: number | null; isDead: boolean; isDense: boolean;
      topActivations: { tokens: string[] }[];
      quantileExamples: { lower: number; upper: number; count: number; examples: Example[] }[];
    };
    // Two pages of 32: one page of 64 with every quantile example is over the API's query cost limit.
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let page = 0; page < 2; page += 1) {
      type Page = { features: { edges: { node: Node }[]; pageInfo: { endCursor: string | null } } };
      const { data, errors }: { data?: Page | null; errors?: unknown } = await graphql<Page>(
        tiny.url,
        `query ($sae: ID!, $after: String) { features(saeId: $sae, first: 32, after: $after) { pageInfo { endCursor } edges { node {
           index density maxActivation encoderDecoderCosine isDead isDense topActivations { tokens }
           quantileExamples { lower upper count examples { tokens values maxValue maxPosition } } } } } }`,
        { sae: tiny.atlas.result.saeId, after },
      );
      expect(errors).toBeUndefined();
      nodes.push(...data!.features.edges.map((edge) => edge.node));
      after = data!.features.pageInfo.endCursor;
    }
    let withExamples = 0;
    for (const node of nodes) {
      expect(node.isDead).toBe(node.density === 0);
      expect(node.isDense).toBe(node.density > 0.1);
      expect(node.encoderDecoderCosine).not.toBeNull();
      expect(Math.abs(node.encoderDecoderCosine!)).toBeLessThanOrEqual(1 + 1e-6);
      if (node.isDead) {
        expect(node.quantileExamples).toEqual([]);
        continue;
      }
      expect(node.quantileExamples.length).toBeGreaterThan(0);
      expect(node.quantileExamples.length).toBeLessThanOrEqual(5);
      let previousUpper = 0;
      for (const bin of node.quantileExamples) {
        expect(bin.lower).toBeLessThanOrEqual(bin.upper);
        expect(bin.lower).toBeGreaterThanOrEqual(previousUpper);
        expect(bin.upper).toBeLessThanOrEqual(node.maxActivation + 1e-6);
        previousUpper = bin.upper;
        expect(bin.examples.length).toBeGreaterThan(0);
        expect(bin.examples.length).toBeLessThanOrEqual(Math.min(5, bin.count));
        for (const example of bin.examples) {
          withExamples += 1;
          expect(example.maxValue).toBeGreaterThanOrEqual(bin.lower);
          expect(example.maxValue).toBeLessThanOrEqual(bin.upper);
          expect(example.values).toHaveLength(example.tokens.length);
          expect(example.values[example.maxPosition]).toBeCloseTo(example.maxValue, 4);
          expect(Math.max(...example.values)).toBeCloseTo(example.maxValue, 4);
        }
      }
    }
    expect(withExamples).toBeGreaterThan(50);
  });

  it('pages through features with cursors', async () => {
    const query = `query ($sae: ID!, $after: String) { features(saeId: $sae, first: 30, after: $after) {
      edges { node { index } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { features: { edges: { node: { index: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { data }: { data?: Page } = await graphql<Page>(tiny.url, query, { sae: tiny.atlas.result.saeId, after });
      seen.push(...data!.features.edges.map((edge) => edge.node.index));
      if (!data!.features.pageInfo.hasNextPage) break;
      after = data!.features.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 64 }, (_, i) => i));
  });

  it('gives NOT_FOUND and BAD_USER_INPUT with helpful messages', async () => {
    const missing = await graphql(tiny.url, '{ feature(id: "demo-lm/nope/topk-1/3") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await graphql(tiny.url, `{ features(saeId: "${tiny.atlas.result.saeId}", first: 5000) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/100/);
    const badCursor = await graphql(tiny.url, `{ features(saeId: "${tiny.atlas.result.saeId}", after: "zzz") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('skips a second build of the same recipe and changes nothing', async () => {
    const again = await buildAtlas(tiny.atlas.recipe, {
      db: tiny.atlas.db, workDir: tiny.atlas.workDir, progress: silentProgress, log: () => {},
    });
    expect(again.skipped).toBe(true);
    const { data } = await graphql<{ saes: { id: string }[] }>(tiny.url, '{ saes { id } }');
    expect(data!.saes).toHaveLength(1);
  });
});

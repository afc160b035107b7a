import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../src/generated/resolvers-types.ts';
import { CONTEXT_TOKENS, MODEL_ID, SAE_ID, decoderOf } from './support/atlas-fixture.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

describe.each(testDatabases)('GraphQL queries over a seeded atlas (%s)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server?.close());

  it('lists models with their SAEs', async () => {
    const data = await server.data(`{ models { id displayName layerCount dModel saes { id } } }`);
    expect(data.models).toEqual([
      { id: MODEL_ID, displayName: 'Demo LM', layerCount: 4, dModel: 8, saes: [{ id: SAE_ID }] },
      { id: 'tiny-lm', displayName: 'Tiny LM', layerCount: 1, dModel: 8, saes: [] },
    ]);
  });

  it('reads one model and filters SAEs by model', async () => {
    const data = await server.data(
      `query($m: ID!) { model(id: $m) { id architecture vocabSize contextLength } saes(modelId: $m) { id } all: saes { id } }`,
      { m: MODEL_ID },
    );
    expect(data).toEqual({
      model: { id: MODEL_ID, architecture: 'gpt2', vocabSize: 100, contextLength: 16 },
      saes: [{ id: SAE_ID }],
      all: [{ id: SAE_ID }],
    });
  });

  it('reads an SAE with its model, metrics and provenance', async () => {
    const { sae } = await server.data(
      `query($id: ID!) { sae(id: $id) { id model { id } hookName architecture dIn width k trainingTokens statisticsTokens corpusName metrics { l0 fvu deadFraction } createdAt } }`,
      { id: SAE_ID },
    );
    expect(sae).toMatchObject({
      id: SAE_ID,
      model: { id: MODEL_ID },
      hookName: 'blocks.2.hook_resid_post',
      architecture: 'topk',
      dIn: 8,
      width: 16,
      k: 2,
      trainingTokens: 2_000_000,
      statisticsTokens: 14,
      corpusName: 'Demo corpus',
      metrics: { l0: 2, fvu: 0.25, deadFraction: 0.125 },
    });
    expect(new Date(sae.createdAt).toISOString()).toBe(sae.createdAt);
  });

  it('reads a feature by readable id with contexts, histogram, decoder and label', async () => {
    const id = `${SAE_ID}/0`;
    const { feature } = await server.data(
      `query($id: ID!) { feature(id: $id) {
        id index sae { id } density maxActivation meanActivation
        topActivations { rank maxValue maxPosition tokens values corpusName }
        histogram { edges counts total }
        decoderVector
        label { text source updatedAt }
      } }`,
      { id },
    );
    expect(feature).toMatchObject({ id, index: 0, sae: { id: SAE_ID }, density: 0.01, maxActivation: 8, meanActivation: 1.5 });
    expect(feature.topActivations).toEqual([
      { rank: 0, maxValue: 4.5, maxPosition: 1, tokens: CONTEXT_TOKENS[0], values: [0, 4.5, 0, 0, 0, 0.75], corpusName: 'Demo corpus' },
      { rank: 1, maxValue: 2.25, maxPosition: 2, tokens: CONTEXT_TOKENS[1], values: [0, 0, 2.25, 0], corpusName: 'Demo corpus' },
      { rank: 2, maxValue: 0.5, maxPosition: 0, tokens: CONTEXT_TOKENS[2], values: [0.5, 0, 0, 0], corpusName: 'Demo corpus' },
    ]);
    expect(feature.histogram).toEqual({ edges: [0.5, 1, 2, 4.5], counts: [2, 0, 2], total: 4 });
    expect(feature.decoderVector).toEqual(decoderOf(0));
    expect(feature.label).toMatchObject({ text: 'animals sitting', source: 'HUMAN' });
  });

  it('limits top activations with first, shows LLM labels as LLM, and empty stats as empty', async () => {
    const data = await server.data<{ a: Feature; b: Feature }>(
      `query($a: ID!, $b: ID!) {
        a: feature(id: $a) { topActivations(first: 1) { rank tokens } label { source text } }
        b: feature(id: $b) { topActivations { rank } histogram { edges counts total } label { text } }
      }`,
      { a: `${SAE_ID}/3`, b: `${SAE_ID}/1` },
    );
    expect(data.a).toEqual({
      topActivations: [{ rank: 0, tokens: CONTEXT_TOKENS[2] }],
      label: { source: 'LLM', text: 'punctuation in quotes' },
    });
    expect(data.b).toEqual({ topActivations: [], histogram: { edges: [], counts: [], total: 0 }, label: null });
  });

  it('reads decoder neighbours as linked features and logit effects in two columns', async () => {
    const data = await server.data<{ a: Feature; b: Feature }>(
      `query($a: ID!, $b: ID!) {
        a: feature(id: $a) {
          decoderNeighbours { cosine feature { id index maxActivation } }
          logitEffects { positive { token value } negative { token value } }
        }
        b: feature(id: $b) { decoderNeighbours { cosine } logitEffects { positive { token } negative { token } } }
      }`,
      { a: `${SAE_ID}/0`, b: `${SAE_ID}/1` },
    );
    expect(data.a.decoderNeighbours).toEqual([
      { cosine: 0.75, feature: { id: `${SAE_ID}/3`, index: 3, maxActivation: 5 } },
      { cosine: 0.5, feature: { id: `${SAE_ID}/7`, index: 7, maxActivation: 1 } },
    ]);
    expect(data.a.logitEffects).toEqual({
      positive: [{ token: ' cat', value: 1.5 }, { token: ' sat', value: 0.5 }],
      negative: [{ token: ' Ishmael', value: -2 }],
    });
    expect(data.b).toEqual({ decoderNeighbours: [], logitEffects: { positive: [], negative: [] } });
  });

  it('reads quantile bins with their examples, and the quality fields', async () => {
    const data = await server.data<{ a: Feature; b: Feature; c: Feature; d: Feature }>(
      `query($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
        a: feature(id: $a) {
          encoderDecoderCosine isDead isDense
          quantileExamples { lower upper count examples { rank maxValue maxPosition tokens values corpusName } }
        }
        b: feature(id: $b) { encoderDecoderCosine isDead isDense quantileExamples { lower } }
        c: feature(id: $c) { isDead isDense }
        d: feature(id: $d) { encoderDecoderCosine isDead isDense }
      }`,
      { a: `${SAE_ID}/3`, b: `${SAE_ID}/4`, c: `${SAE_ID}/6`, d: `${SAE_ID}/7` },
    );
    expect(data.a).toEqual({
      encoderDecoderCosine: 0.5,
      isDead: false,
      isDense: false,
      quantileExamples: [
        {
          lower: 0.25, upper: 0.25, count: 1,
          examples: [{ rank: 0, maxValue: 0.25, maxPosition: 5, tokens: CONTEXT_TOKENS[0], values: [0, 0, 0, 0, 0, 0.25], corpusName: 'Demo corpus' }],
        },
        {
          lower: 0.5, upper: 1, count: 2,
          examples: [{ rank: 5, maxValue: 1, maxPosition: 3, tokens: CONTEXT_TOKENS[2], values: [0, 0, 0, 1], corpusName: 'Demo corpus' }],
        },
      ],
    });
    expect(data.b).toEqual({ encoderDecoderCosine: 0.5, isDead: true, isDense: false, quantileExamples: [] });
    expect(data.c).toEqual({ isDead: false, isDense: true });
    expect(data.d).toEqual({ encoderDecoderCosine: null, isDead: false, isDense: false });
  });
});

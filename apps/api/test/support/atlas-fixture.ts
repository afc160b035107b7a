import {
  createLabel,
  getFeaturesByIndex,
  ingestSaeAtlas,
  upsertModel,
  type AtlasDb,
  type IngestSaeInput,
} from '@atlas/db';

/** A small atlas: one SAE of width 16 with features 0..6 stored (5 is missing), over 3 contexts. */
export const MODEL_ID = 'demo-lm';
export const SAE_ID = 'demo-lm/blocks.2.hook_resid_post/topk-16';
export const STORED_INDEXES = [0, 1, 2, 3, 4, 6, 7];
export const D_IN = 8;

export const CONTEXT_TOKENS = [
  ['The', ' cat', ' sat', ' on', ' the', ' mat'],
  ['Call', ' me', ' Ishmael', '.'],
  ['A', ' "quoted"', ' back\\slash', ' {brace}'],
];

/** Decoder row of feature i: a one-hot at i % dIn scaled by 0.5 (exact in halfvec). */
export function decoderOf(index: number): number[] {
  return Array.from({ length: D_IN }, (_, d) => (d === index % D_IN ? 0.5 : 0));
}

export function atlasInput(): IngestSaeInput {
  return {
    sae: {
      id: SAE_ID,
      modelId: MODEL_ID,
      hookName: 'blocks.2.hook_resid_post',
      architecture: 'topk',
      kind: 'sae',
      dIn: D_IN,
      width: 16,
      k: 2,
      trainingTokens: 2_000_000,
      statisticsTokens: 14,
      corpusName: 'Demo corpus',
      metrics: { l0: 2, fvu: 0.25, deadFraction: 0.125 },
    },
    checksum: 'sha256:api-test',
    corpus: { id: 'demo', name: 'Demo corpus' },
    contexts: CONTEXT_TOKENS.map((tokens, i) => ({
      key: `ctx${i}`,
      documentId: `doc-${i}`,
      startToken: 0,
      tokenIds: tokens.map((_, t) => i * 10 + t),
      tokens,
    })),
    features: STORED_INDEXES.map((index) => ({
      index,
      density: (index + 1) / 100,
      maxActivation: 8 - index,
      meanActivation: 1.5,
      // Feature 7's cosine was not computed; 4 is dead, 6 dense.
      ...(index === 7 ? {} : { encoderDecoderCosine: index === 0 ? 0.875 : 0.5 }),
      isDead: index === 4,
      isDense: index === 6,
      decoder: Float32Array.from(decoderOf(index)),
    })),
    examples: [
      { featureIndex: 0, contextKey: 'ctx0', kind: 'top', rank: 0, maxValue: 4.5, maxPosition: 1 },
      { featureIndex: 0, contextKey: 'ctx1', kind: 'top', rank: 1, maxValue: 2.25, maxPosition: 2 },
      { featureIndex: 0, contextKey: 'ctx2', kind: 'top', rank: 2, maxValue: 0.5, maxPosition: 0 },
      { featureIndex: 3, contextKey: 'ctx2', kind: 'top', rank: 0, maxValue: 1, maxPosition: 3 },
      { featureIndex: 3, contextKey: 'ctx0', kind: 'quantile', rank: 0, maxValue: 0.25, maxPosition: 5 },
      { featureIndex: 3, contextKey: 'ctx2', kind: 'quantile', rank: 5, maxValue: 1, maxPosition: 3 },
    ],
    quantileBins: [
      { featureIndex: 3, bin: 0, lower: 0.25, upper: 0.25, count: 1 },
      { featureIndex: 3, bin: 1, lower: 0.5, upper: 1, count: 2 },
    ],
    activations: [
      { featureIndex: 0, contextKey: 'ctx0', position: 1, value: 4.5 },
      { featureIndex: 0, contextKey: 'ctx0', position: 5, value: 0.75 },
      { featureIndex: 0, contextKey: 'ctx1', position: 2, value: 2.25 },
      { featureIndex: 0, contextKey: 'ctx2', position: 0, value: 0.5 },
      { featureIndex: 3, contextKey: 'ctx2', position: 3, value: 1 },
      { featureIndex: 3, contextKey: 'ctx0', position: 5, value: 0.25 },
    ],
    histograms: [
      { featureIndex: 0, edges: [0.5, 1, 2, 4.5], counts: [2, 0, 2] },
      { featureIndex: 3, edges: [0.25, 1], counts: [2] },
    ],
    neighbours: [
      { featureIndex: 0, method: 'decoder_cosine', rank: 0, neighbourIndex: 3, score: 0.75 },
      { featureIndex: 0, method: 'decoder_cosine', rank: 1, neighbourIndex: 7, score: 0.5 },
      { featureIndex: 0, method: 'coactivation', rank: 0, neighbourIndex: 1, score: 0.9 },
    ],
    logitEffects: [
      { featureIndex: 0, direction: 'positive', rank: 0, tokenId: 1, token: ' cat', value: 1.5 },
      { featureIndex: 0, direction: 'positive', rank: 1, tokenId: 2, token: ' sat', value: 0.5 },
      { featureIndex: 0, direction: 'negative', rank: 0, tokenId: 12, token: ' Ishmael', value: -2 },
    ],
  };
}

/** Seeds the atlas through @atlas/db's own write functions, plus a second model without SAEs. */
export async function seedAtlas(db: AtlasDb): Promise<void> {
  const model = { displayName: 'Demo LM', architecture: 'gpt2', layerCount: 4, dModel: D_IN, vocabSize: 100, contextLength: 16 };
  await upsertModel(db, { id: MODEL_ID, ...model });
  await upsertModel(db, { id: 'tiny-lm', ...model, displayName: 'Tiny LM', layerCount: 1 });
  await ingestSaeAtlas(db, atlasInput());
  const [f0, f3] = await getFeaturesByIndex(db, [
    { saeId: SAE_ID, index: 0 },
    { saeId: SAE_ID, index: 3 },
  ]);
  if (!f0 || !f3) throw new Error('seeded features are missing');
  await createLabel(db, { featureId: f0.id, text: 'animals sitting', source: 'human' });
  await createLabel(db, { featureId: f3.id, text: 'punctuation in quotes', source: 'llm', authorModel: 'test-llm' });
}

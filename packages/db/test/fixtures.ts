import type { IngestSaeInput } from '../src/index.ts';

export const MODEL = {
  id: 'demo-lm',
  displayName: 'Demo LM',
  architecture: 'gpt2',
  layerCount: 4,
  dModel: 8,
  vocabSize: 100,
  contextLength: 16,
};

export const SAE_ID = 'demo-lm/blocks.2.hook_resid_post/topk-6';

const DOCS = [
  ['The', ' cat', ' sat', ' on', ' mats'],
  ['A', ' "quoted"', ' back\\slash', ' {brace}', ' NULL'],
  ['Call', ' me', ' Ishmael', '.', '\n'],
];

/** A six-feature SAE over three 5-token contexts; features 0 and 1 have nearly equal decoders. */
export function atlasInput(overrides: Partial<IngestSaeInput> = {}, saeId = SAE_ID): IngestSaeInput {
  const dIn = 8;
  const decoder = (f: number) => {
    const v = new Float32Array(dIn);
    if (f === 1) {
      v[0] = 0.9;
      v[1] = 0.1;
    } else v[f === 0 ? 0 : f] = 1;
    return v;
  };
  return {
    sae: {
      id: saeId,
      modelId: MODEL.id,
      hookName: 'blocks.2.hook_resid_post',
      architecture: 'topk',
      kind: 'sae',
      dIn,
      width: 6,
      k: 2,
      trainingTokens: 1_000_000,
      statisticsTokens: 15,
      corpusName: 'Demo corpus',
      metrics: { l0: 2, fvu: 0.25, deadFraction: 0 },
    },
    checksum: 'sha256:one',
    corpus: { id: 'demo', name: 'Demo corpus' },
    contexts: DOCS.map((tokens, i) => ({
      key: `ctx${i}`,
      documentId: `doc-${i}`,
      startToken: 0,
      tokenIds: tokens.map((_, t) => i * 10 + t),
      tokens,
    })),
    features: Array.from({ length: 6 }, (_, index) => ({
      index,
      density: 0.1 * (index + 1),
      maxActivation: 5 - index * 0.5,
      meanActivation: 1.5,
      decoder: decoder(index),
    })),
    examples: [
      { featureIndex: 0, contextKey: 'ctx1', kind: 'top', rank: 0, maxValue: 4.5, maxPosition: 2 },
      { featureIndex: 0, contextKey: 'ctx0', kind: 'top', rank: 1, maxValue: 2.25, maxPosition: 1 },
      { featureIndex: 0, contextKey: 'ctx2', kind: 'quantile', rank: 0, maxValue: 0.5, maxPosition: 0 },
      { featureIndex: 3, contextKey: 'ctx2', kind: 'top', rank: 0, maxValue: 1, maxPosition: 4 },
    ],
    activations: [
      { featureIndex: 0, contextKey: 'ctx1', position: 2, value: 4.5 },
      { featureIndex: 0, contextKey: 'ctx1', position: 4, value: 0.75 },
      { featureIndex: 0, contextKey: 'ctx0', position: 1, value: 2.25 },
      { featureIndex: 0, contextKey: 'ctx2', position: 0, value: 0.5 },
      { featureIndex: 3, contextKey: 'ctx2', position: 4, value: 1 },
    ],
    histograms: [
      { featureIndex: 0, edges: [0.5, 1, 2, 4.5], counts: [2, 0, 2] },
      { featureIndex: 3, edges: [1, 2], counts: [1] },
    ],
    ...overrides,
  };
}

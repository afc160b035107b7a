import { ingestSaeAtlas, type AtlasDb, type IngestSaeInput } from '@atlas/db';
import { MODEL_ID } from './atlas-fixture.ts';

/** An SAE on an attention head output: d_in 8 = 4 heads × d_head 2, three features. */
export const HOOK_Z_SAE_ID = `${MODEL_ID}/blocks.1.attn.hook_z/topk-3`;
export const HEAD_COUNT = 4;

/** Decoder rows and each head's share of their squared norm (exact in float32). */
export const HOOK_Z_FEATURES = [
  { decoder: [1, 0, 0, 0, 0, 0, 0, 0], shares: [1, 0, 0, 0] },
  { decoder: [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0], shares: [0.5, 0.5, 0, 0] },
  { decoder: [0, 0.5, -0.5, 0, 0.5, 0, 0, -0.5], shares: [0.25, 0.25, 0.25, 0.25] },
];

function hookZAtlas(): IngestSaeInput {
  return {
    sae: {
      id: HOOK_Z_SAE_ID, modelId: MODEL_ID, hookName: 'blocks.1.attn.hook_z', architecture: 'topk', kind: 'sae',
      dIn: 8, width: 3, k: 1, trainingTokens: 1000, statisticsTokens: 100, corpusName: 'Demo corpus', metrics: null,
    },
    checksum: 'sha256:hook-z-test',
    corpus: { id: 'demo', name: 'Demo corpus' },
    contexts: [],
    features: HOOK_Z_FEATURES.map(({ decoder }, index) => ({
      index, density: 0.01, maxActivation: 1, meanActivation: 0.5, decoder: Float32Array.from(decoder),
    })),
    examples: [],
    activations: [],
    histograms: [],
    headAttributions: HOOK_Z_FEATURES.flatMap(({ shares }, featureIndex) =>
      shares.map((share, head) => ({ featureIndex, head, share })),
    ),
  };
}

/** Adds the hook_z SAE to a database seeded with `seedAtlas` (its model must exist). */
export async function seedHookZSae(db: AtlasDb): Promise<void> {
  await ingestSaeAtlas(db, hookZAtlas());
}

import { demoModelDir, demoModelId } from '@atlas/demo-model';
import type { AtlasRecipe } from '@atlas/pipeline';

/** The demo LM as the atlas names it (`build-demo` and `build` alike). */
export const DEMO_MODEL = { id: demoModelId, displayName: 'Demo LM (4-layer GPT, SOTU + Moby-Dick + WordNet)' } as const;

/** The demo atlas' size: 320 Ki held-out tokens (of 360k), 8 passes of SAE training. */
export const DEMO_DEFAULTS = { tokens: 327_680, width: 4096, k: 32, epochs: 8 } as const;

/** The demo atlas: the committed demo LM, its middle residual stream, a TopK SAE, text the LM never trained on. */
export function demoRecipe(overrides: { tokens: number; width: number; k: number; epochs: number; coactivationMemoryMiB?: number }): AtlasRecipe {
  return {
    modelDir: demoModelDir,
    modelId: DEMO_MODEL.id,
    modelDisplayName: DEMO_MODEL.displayName,
    hook: 'blocks.2.hook_resid_post',
    corpus: 'demo-heldout',
    seqLen: 64,
    batchSize: 4096,
    seed: 0,
    topK: 20,
    ...overrides,
  };
}

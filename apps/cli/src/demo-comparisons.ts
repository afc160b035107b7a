import { demoModelBDir, demoModelBId } from '@atlas/demo-model';
import type { AtlasRecipe } from '@atlas/pipeline';
import { demoRecipe } from './demo-atlas.ts';

/**
 * `build-demo --with-comparisons` (issue 12): three more SAEs beside the demo atlas's
 * `demo-lm/blocks.2.hook_resid_post/topk-4096`, so each kind of comparison has a pair out of the box —
 * cross-width (topk-1024, same hook: feature families), cross-seed (topk-4096-seed1: the SAE's seed 1,
 * same documents and contexts) and cross-model (the second demo LM, d_model 192, same tokenizer:
 * activation correlation). Each is a full build (about the demo's own time), hence a flag.
 */
export function comparisonRecipes(options: { tokens: number; width: number; k: number; epochs: number }): AtlasRecipe[] {
  const demo = demoRecipe(options) as Extract<AtlasRecipe, { saeDir?: undefined }>;
  return [
    { ...demo, width: Math.max(1, Math.floor(options.width / 4)) },
    { ...demo, saeSeed: 1, saeId: `${demo.modelId}/${demo.hook}/topk-${options.width}-seed1` },
    { ...demo, modelDir: demoModelBDir, modelId: demoModelBId, modelDisplayName: 'Demo LM B (4-layer GPT, d_model 192, same tokenizer and corpus)' },
  ];
}

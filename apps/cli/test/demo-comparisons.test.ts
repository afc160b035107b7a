import { describe, expect, it } from 'vitest';
import { demoComparisonStages, saeIdFor, type AtlasRecipe } from '@atlas/pipeline';
import { DEMO_DEFAULTS, demoRecipe } from '../src/demo-atlas.ts';
import { comparisonRecipes, demoComparisonIds } from '../src/demo-comparisons.ts';

// `build-demo --with-comparisons` builds four SAEs, then compares them: each stage must name SAEs the
// build actually writes, or the stages would fail with NOT_FOUND after an hour of building.
describe('build-demo --with-comparisons', () => {
  const idOf = (recipe: AtlasRecipe) => recipe.saeId ?? saeIdFor(recipe as Extract<AtlasRecipe, { saeDir?: undefined }>);

  it('compares exactly the SAEs it builds: cross-width, cross-seed and cross-model', () => {
    const built = [demoRecipe(DEMO_DEFAULTS), ...comparisonRecipes(DEMO_DEFAULTS)].map(idOf);
    const ids = demoComparisonIds(DEMO_DEFAULTS);
    expect(new Set(Object.values(ids))).toEqual(new Set(built));
    const stages = demoComparisonStages(ids);
    expect(stages.map(({ label, request }) => [label, request.method, request.saeA, request.saeB])).toEqual([
      ['cross-width decoder cosine', 'decoder-cosine', 'demo-lm/blocks.2.hook_resid_post/topk-1024', 'demo-lm/blocks.2.hook_resid_post/topk-4096'],
      ['cross-width families', 'families', 'demo-lm/blocks.2.hook_resid_post/topk-1024', 'demo-lm/blocks.2.hook_resid_post/topk-4096'],
      ['cross-seed decoder cosine', 'decoder-cosine', 'demo-lm/blocks.2.hook_resid_post/topk-4096', 'demo-lm/blocks.2.hook_resid_post/topk-4096-seed1'],
      ['cross-model activation correlation', 'activation-correlation', 'demo-lm/blocks.2.hook_resid_post/topk-4096', ids.otherModel],
    ]);
    expect(ids.otherModel).not.toMatch(/^demo-lm\//);
  });
});

import { demoModelDir } from '@atlas/demo-model';
import type { AtlasRecipe } from '../build-atlas.ts';
import { buildDemoOptions, parseOptions } from '../options.ts';
import { scaleOutFromOptions } from '../scale-out/cli-options.ts';
import { buildIntoDatabase, DEMO_MODEL } from './build.ts';

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

export async function runBuildDemo(raw: Record<string, unknown>): Promise<void> {
  const { coactivationMemory, ...options } = parseOptions(buildDemoOptions, raw);
  const recipe = demoRecipe({ ...options, ...(coactivationMemory === undefined ? {} : { coactivationMemoryMiB: coactivationMemory }) });
  await buildIntoDatabase(recipe, scaleOutFromOptions(raw));
  if (raw.withComparisons) for (const extra of (await import('./build-demo-comparisons.ts')).comparisonRecipes(options)) await buildIntoDatabase(extra, scaleOutFromOptions(raw));
}

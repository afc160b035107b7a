import { openDatabase } from '@atlas/db';
import { demoModelBDir, demoModelBId } from '@atlas/demo-model';
import { demoComparisonStages, runComparisonStages, saeIdFor, terminalProgress, type AtlasRecipe, type ProgressFactory } from '@atlas/pipeline';
import { demoRecipe } from './demo-atlas.ts';

type DemoSize = { tokens: number; width: number; k: number; epochs: number };

/**
 * `build-demo --with-comparisons` (issue 12): three more SAEs beside the demo atlas's
 * `demo-lm/blocks.2.hook_resid_post/topk-4096`, so each kind of comparison has a pair out of the box —
 * cross-width (topk-1024, same hook: feature families), cross-seed (topk-4096-seed1: the SAE's seed 1,
 * same documents and contexts) and cross-model (the second demo LM, d_model 192, same tokenizer:
 * activation correlation). Each is a full build (about the demo's own time), hence a flag.
 */
export function comparisonRecipes(options: DemoSize): AtlasRecipe[] {
  const demo = demoRecipe(options) as Extract<AtlasRecipe, { saeDir?: undefined }>;
  return [
    { ...demo, width: narrowWidth(options.width) },
    { ...demo, saeSeed: 1, saeId: seedSaeId(options) },
    { ...demo, modelDir: demoModelBDir, modelId: demoModelBId, modelDisplayName: 'Demo LM B (4-layer GPT, d_model 192, same tokenizer and corpus)' },
  ];
}

const narrowWidth = (width: number) => Math.max(1, Math.floor(width / 4));
const seedSaeId = (options: DemoSize) => {
  const demo = demoRecipe(options);
  return `${demo.modelId}/${demo.hook}/topk-${options.width}-seed1`;
};

/** The ids of the four demo SAEs the comparison stages pair up. */
export function demoComparisonIds(options: DemoSize): { narrow: string; wide: string; seed: string; otherModel: string } {
  const { modelId, hook } = demoRecipe(options);
  return {
    narrow: saeIdFor({ modelId, hook, width: narrowWidth(options.width) }),
    wide: saeIdFor({ modelId, hook, width: options.width }),
    seed: seedSaeId(options),
    otherModel: saeIdFor({ modelId: demoModelBId, hook, width: options.width }),
  };
}

/**
 * The demo build's last stages: a cross-width (decoder cosine + families), a cross-seed (decoder
 * cosine) and a cross-model (activation correlation over 16,384 shared tokens) comparison, stored so
 * the comparison page has them. Comparisons stored already are reused, so a rerun is cheap.
 */
export async function runDemoComparisons(options: DemoSize, progress: ProgressFactory = terminalProgress): Promise<void> {
  const db = await openDatabase();
  try {
    const started = performance.now();
    const outcomes = await runComparisonStages(db, demoComparisonStages(demoComparisonIds(options)), { progress, log: (line) => console.log(line) });
    const fresh = outcomes.filter((outcome) => !outcome.reused).length;
    console.log(`Comparisons: ${fresh} computed, ${outcomes.length - fresh} up to date (${((performance.now() - started) / 1000).toFixed(1)} s); each has its page at /compare/<run id>, linked from the features it matches.`);
  } finally {
    await db.close();
  }
}

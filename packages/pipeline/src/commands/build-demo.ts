import path from 'node:path';
import { openDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { buildAtlas, type AtlasRecipe } from '../build-atlas.ts';
import { buildDemoOptions, parseOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { atlasDataDir } from '../paths.ts';

/** The demo atlas: the committed demo LM, its middle residual stream, a TopK SAE, text the LM never trained on. */
export function demoRecipe(overrides: { tokens: number; width: number; k: number; epochs: number }): AtlasRecipe {
  return {
    modelDir: demoModelDir,
    modelId: 'demo-lm',
    modelDisplayName: 'Demo LM (4-layer GPT, SOTU + Moby-Dick + WordNet)',
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
  const options = parseOptions(buildDemoOptions, raw);
  const db = await openDatabase();
  try {
    const started = performance.now();
    const result = await buildAtlas(demoRecipe(options), {
      db,
      workDir: path.join(atlasDataDir, 'work'),
      progress: terminalProgress,
      log: (line) => console.log(line),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!result.skipped) {
      const counts = Object.entries(result.rows).map(([table, count]) => `${table} ${count}`).join(', ');
      console.log(`Built ${result.saeId} in ${seconds} s (${counts}).`);
    }
  } finally {
    await db.close();
  }
}

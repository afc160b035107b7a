import path from 'node:path';
import { openDatabase } from '@atlas/db';
import { buildAtlas, recordProgressFile, terminalProgress, type AtlasRecipe, type ScaleOutOptions } from '@atlas/pipeline';
import { atlasDataDir } from './paths.ts';

/** What `--shards`, `--local-workers`, `--queue-port` and `--queue-url` ask for; undefined for one in-process pass. */
export function scaleOutOf(options: { shards: number; localWorkers: number; queuePort: number | undefined; queueUrl: string | undefined }): ScaleOutOptions | undefined {
  const { shards, localWorkers, queuePort, queueUrl } = options;
  if (shards <= 1) return undefined;
  return { shards, localWorkers, ...(queuePort === undefined ? {} : { queuePort }), ...(queueUrl === undefined ? {} : { queueUrl }) };
}

/** Builds a recipe into the configured database (PGlite or DATABASE_URL) and reports the rows written. */
export async function buildIntoDatabase(recipe: AtlasRecipe, scaleOut?: ScaleOutOptions): Promise<void> {
  const db = await openDatabase();
  try {
    const started = performance.now();
    const result = await buildAtlas(recipe, {
      db,
      workDir: path.join(atlasDataDir(), 'work'),
      // `npm start` sets ATLAS_PROGRESS_FILE: its page shows the build's stages while the atlas is not ready.
      progress: process.env.ATLAS_PROGRESS_FILE ? recordProgressFile(terminalProgress, process.env.ATLAS_PROGRESS_FILE, recipeTitle(recipe)) : terminalProgress,
      log: (line) => console.log(line),
      ...(scaleOut ? { scaleOut } : {}),
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

/** The SAE a recipe builds, as people read it on the progress page. */
function recipeTitle(recipe: AtlasRecipe): string {
  return recipe.saeId ?? (recipe.saeDir === undefined ? `${recipe.modelId}/${recipe.hook} (TopK, ${recipe.width} features)` : `${recipe.modelId}/${recipe.hook}`);
}

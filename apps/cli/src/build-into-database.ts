import path from 'node:path';
import { openDatabase } from '@atlas/db';
import { buildAtlas, terminalProgress, type AtlasRecipe, type ProgressFactory, type ScaleOutOptions } from '@atlas/pipeline';
import { atlasDataDir } from './paths.ts';

/** What `--shards`, `--local-workers`, `--queue-port` and `--queue-url` ask for; undefined for one in-process pass. */
export function scaleOutOf(options: { shards: number; localWorkers: number; queuePort: number | undefined; queueUrl: string | undefined }): ScaleOutOptions | undefined {
  const { shards, localWorkers, queuePort, queueUrl } = options;
  if (shards <= 1) return undefined;
  return { shards, localWorkers, ...(queuePort === undefined ? {} : { queuePort }), ...(queueUrl === undefined ? {} : { queueUrl }) };
}

/** Builds a recipe into the configured database (PGlite or DATABASE_URL) and reports the rows written. */
export async function buildIntoDatabase(
  recipe: AtlasRecipe, scaleOut?: ScaleOutOptions, progress: ProgressFactory = terminalProgress,
): Promise<void> {
  const db = await openDatabase();
  try {
    const started = performance.now();
    const result = await buildAtlas(recipe, {
      db,
      workDir: path.join(atlasDataDir(), 'work'),
      progress,
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

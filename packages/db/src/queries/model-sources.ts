import { inArray } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { models } from '../schema/index.ts';

/**
 * Where each model's files were loaded from (`models.source_path`, a folder on the machine that
 * built the atlas), for code that runs the model at request time (steering). Models without a
 * recorded path map to null; unknown ids are absent.
 */
export async function getModelSourcePaths(db: AtlasDb, modelIds: readonly string[]): Promise<Map<string, string | null>> {
  if (modelIds.length === 0) return new Map();
  const rows = await db.orm
    .select({ id: models.id, sourcePath: models.sourcePath })
    .from(models)
    .where(inArray(models.id, [...new Set(modelIds)]));
  return new Map(rows.map((row) => [row.id, row.sourcePath]));
}

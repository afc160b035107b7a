import { asc, inArray } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { inRequestOrder } from '../sql/request-order.ts';
import { models } from '../schema/index.ts';

export type ModelRow = {
  id: string;
  displayName: string;
  architecture: string;
  layerCount: number;
  dModel: number;
  vocabSize: number;
  contextLength: number;
  createdAt: Date;
};

const modelColumns = {
  id: models.id,
  displayName: models.displayName,
  architecture: models.architecture,
  layerCount: models.layerCount,
  dModel: models.dModel,
  vocabSize: models.vocabSize,
  contextLength: models.contextLength,
  createdAt: models.createdAt,
};

export async function listModels(db: AtlasDb): Promise<ModelRow[]> {
  return db.orm.select(modelColumns).from(models).orderBy(asc(models.id));
}

/** Models with the given ids, in the order asked (missing ids are left out). */
export async function getModelsByIds(db: AtlasDb, ids: readonly string[]): Promise<ModelRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm.select(modelColumns).from(models).where(inArray(models.id, [...new Set(ids)]));
  return inRequestOrder(ids, rows, (row) => row.id);
}

/** Inserts a model or updates its description; its SAEs and contexts are kept. */
export async function upsertModel(
  db: AtlasDb,
  model: Omit<ModelRow, 'createdAt'> & { sourcePath?: string },
): Promise<void> {
  const { id, ...fields } = model;
  const values = { ...fields, sourcePath: model.sourcePath ?? null };
  await db.orm
    .insert(models)
    .values({ id, ...values })
    .onConflictDoUpdate({ target: models.id, set: values });
}

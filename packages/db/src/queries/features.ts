import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { features, saes } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { inRequestOrder } from '../sql/request-order.ts';

export type FeatureRow = {
  /** Compact key other tables use; the readable id is `${saeId}/${index}`. */
  id: number;
  saeId: string;
  index: number;
  density: number;
  maxActivation: number;
  meanActivation: number;
  /** Cosine of encoder column and decoder row; null when not computed. */
  encoderDecoderCosine: number | null;
  isDead: boolean;
  isDense: boolean;
};

/** Features of a complete SAE by index ascending, after `afterIndex` (keyset pagination). */
export async function listFeatures(
  db: AtlasDb,
  args: { saeId: string; afterIndex: number | null; limit: number },
): Promise<FeatureRow[]> {
  const after = args.afterIndex === null ? undefined : gt(features.index, args.afterIndex);
  return selectVisibleFeatures(db, and(eq(features.saeId, args.saeId), after))
    .orderBy(asc(features.index))
    .limit(args.limit);
}

/** Feature count per SAE id (0 for unknown or incomplete SAEs). */
export async function countFeatures(db: AtlasDb, saeIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(saeIds.map((id) => [id, 0]));
  if (saeIds.length === 0) return counts;
  const rows = await db.orm
    .select({ saeId: features.saeId, count: count() })
    .from(features)
    .innerJoin(saes, and(eq(saes.id, features.saeId), eq(saes.status, 'complete')))
    .where(inArray(features.saeId, [...new Set(saeIds)]))
    .groupBy(features.saeId);
  for (const row of rows) counts.set(row.saeId, row.count);
  return counts;
}

/** Features by (saeId, index), in the order asked (missing ones left out). */
export async function getFeaturesByIndex(
  db: AtlasDb,
  keys: readonly { saeId: string; index: number }[],
): Promise<FeatureRow[]> {
  if (keys.length === 0) return [];
  const pairs = sql`(${features.saeId}, ${features.index}) in (select * from unnest(${pgArray(
    keys.map((key) => key.saeId),
    'text',
  )}, ${pgArray(keys.map((key) => key.index), 'int')}))`;
  const rows = await selectVisibleFeatures(db, pairs);
  const keyOf = (saeId: string, index: number) => `${index}/${saeId}`;
  return inRequestOrder(
    keys.map((key) => keyOf(key.saeId, key.index)),
    rows,
    (row) => keyOf(row.saeId, row.index),
  );
}

/** Features by id, in the order asked (missing ones left out). */
export async function getFeaturesByIds(db: AtlasDb, ids: readonly number[]): Promise<FeatureRow[]> {
  if (ids.length === 0) return [];
  const rows = await selectVisibleFeatures(db, sql`${features.id} = any(${pgArray(ids, 'bigint')})`);
  return inRequestOrder(ids, rows, (row) => row.id);
}

/** Features whose SAE is complete (a build in progress or failed is invisible). */
function selectVisibleFeatures(db: AtlasDb, where: SQL | undefined) {
  return db.orm
    .select({
      id: features.id,
      saeId: features.saeId,
      index: features.index,
      density: features.density,
      maxActivation: features.maxActivation,
      meanActivation: features.meanActivation,
      encoderDecoderCosine: features.encoderDecoderCosine,
      isDead: features.isDead,
      isDense: features.isDense,
    })
    .from(features)
    .innerJoin(saes, and(eq(saes.id, features.saeId), eq(saes.status, 'complete')))
    .where(where)
    .$dynamic();
}

/** Every feature's density of one SAE, by index (for filtering always-on features out of a text's features). */
export async function getFeatureDensities(db: AtlasDb, saeId: string): Promise<Float32Array> {
  const rows = await db.orm
    .select({ index: features.index, density: features.density })
    .from(features)
    .where(eq(features.saeId, saeId));
  const width = rows.reduce((max, row) => Math.max(max, row.index + 1), 0);
  const densities = new Float32Array(width);
  for (const row of rows) densities[row.index] = row.density;
  return densities;
}

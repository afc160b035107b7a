import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { features, saes } from '../schema/index.ts';
import { pgArray, pgArrayLiteral, pgArrayPlaceholder } from '../sql/arrays.ts';
import { preparedSelect } from '../sql/rows.ts';
import { CURRENT_LABEL_ORDER, LABEL_JOINS } from './label-columns.ts';
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

/** What a feature list is ordered by; equal values follow by index ascending. */
export type FeatureOrder = { key: 'index' } | { key: 'density' | 'maxActivation' | 'labelScore'; direction: 'asc' | 'desc' };

/** The scorer whose score `labelScore` orders by: the cheap one every build runs (@atlas/label-scores). */
export const ORDERING_LABEL_SCORER = 'embedding';

/**
 * The `embedding` score of a feature's current label (picked as getCurrentLabels does; its newest
 * version; the newest scorer version), or the sentinel that puts unscored features last either
 * way (scores lie in 0..1).
 */
function labelScoreOf(saeId: SQL | string, index: SQL | number, direction: 'asc' | 'desc'): SQL {
  return sql`coalesce((select s.score from labels l ${LABEL_JOINS}
      join label_scores s on s.scorer = ${ORDERING_LABEL_SCORER}
        and s.label_version_id = (select id from label_versions where label_id = l.id order by version desc limit 1)
      where l.sae_id = ${saeId} and l.feature_index = ${index} and not l.hidden
      order by ${CURRENT_LABEL_ORDER}, s.created_at desc limit 1), ${direction === 'desc' ? -1 : 2})`;
}

/** The column (or, for label scores, the expression) a non-index order sorts by. */
function orderValue(orderBy: Exclude<FeatureOrder, { key: 'index' }>): SQL {
  if (orderBy.key === 'labelScore') return labelScoreOf(sql`${features.saeId}`, sql`${features.index}`, orderBy.direction);
  return sql`${orderBy.key === 'density' ? features.density : features.maxActivation}`;
}
/** Which features a list keeps: all, live (neither dead nor dense), dead or dense. */
export type FeatureQuality = 'all' | 'live' | 'dead' | 'dense';

export interface ListFeaturesArgs {
  saeId: string;
  /** The index of the last feature of the previous page (keyset pagination), or null for the first page. */
  afterIndex: number | null;
  limit: number;
  orderBy?: FeatureOrder;
  quality?: FeatureQuality;
  /** Keep features whose current label contains this text (case-insensitive, taken literally). */
  labelContains?: string;
}

/**
 * The feature's current label (as getCurrentLabels picks it: accepted first, then best-voted,
 * hidden never) contains `text`; LIKE's wildcards in `text` are escaped, so it matches literally.
 */
function labelCondition(text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`(select v.text from labels l ${LABEL_JOINS}
      where l.sae_id = ${features.saeId} and l.feature_index = ${features.index} and not l.hidden
      order by ${CURRENT_LABEL_ORDER} limit 1) ilike ${pattern}`;
}

function qualityCondition(quality: FeatureQuality): SQL | undefined {
  if (quality === 'dead') return eq(features.isDead, true);
  if (quality === 'dense') return eq(features.isDense, true);
  if (quality === 'live') return and(eq(features.isDead, false), eq(features.isDense, false));
  return undefined;
}

/**
 * After the page's last feature in this order: its value is read by a subquery from its index, so
 * the cursor stays the feature index whatever the order (rows after it: a value further along,
 * or the same value and a larger index).
 */
function afterCondition(saeId: string, afterIndex: number, orderBy: FeatureOrder): SQL {
  if (orderBy.key === 'index') return gt(features.index, afterIndex);
  const column = orderValue(orderBy);
  const pivot = orderBy.key === 'labelScore'
    ? labelScoreOf(saeId, afterIndex, orderBy.direction)
    : sql`(select ${column} from ${features} where ${features.saeId} = ${saeId} and ${features.index} = ${afterIndex})`;
  const further = orderBy.direction === 'desc' ? sql`${column} < ${pivot}` : sql`${column} > ${pivot}`;
  return sql`(${further} or (${column} = ${pivot} and ${features.index} > ${afterIndex}))`;
}

/** Features of a complete SAE, by index ascending unless `orderBy` says otherwise, after `afterIndex`. */
export async function listFeatures(db: AtlasDb, args: ListFeaturesArgs): Promise<FeatureRow[]> {
  const orderBy = args.orderBy ?? { key: 'index' };
  const after = args.afterIndex === null ? undefined : afterCondition(args.saeId, args.afterIndex, orderBy);
  const label = args.labelContains ? labelCondition(args.labelContains) : undefined;
  const where = and(eq(features.saeId, args.saeId), qualityCondition(args.quality ?? 'all'), label, after);
  const order =
    orderBy.key === 'index'
      ? [asc(features.index)]
      : [
          (orderBy.direction === 'desc' ? desc : asc)(orderValue(orderBy)),
          asc(features.index),
        ];
  return selectVisibleFeatures(db, where).orderBy(...order).limit(args.limit);
}

/** How many features of an SAE a quality filter (and label text) keeps. */
export async function countFeaturesOfQuality(db: AtlasDb, saeId: string, quality: FeatureQuality, labelContains?: string): Promise<number> {
  const [row] = await db.orm
    .select({ count: count() })
    .from(features)
    .where(and(eq(features.saeId, saeId), qualityCondition(quality), labelContains ? labelCondition(labelContains) : undefined));
  return row?.count ?? 0;
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

const selectFeaturesByIndex = (db: AtlasDb) => selectVisibleFeatures(db, sql`(${features.saeId}, ${features.index}) in (select * from unnest(${pgArrayPlaceholder('saeIds', 'text')}, ${pgArrayPlaceholder('indexes', 'int')}))`);

/** Features by (saeId, index), in the order asked (missing ones left out). */
export async function getFeaturesByIndex(
  db: AtlasDb,
  keys: readonly { saeId: string; index: number }[],
): Promise<FeatureRow[]> {
  if (keys.length === 0) return [];
  const rows = await preparedSelect(db, selectFeaturesByIndex, {
    saeIds: pgArrayLiteral(keys.map((key) => key.saeId), 'text'),
    indexes: pgArrayLiteral(keys.map((key) => key.index), 'int'),
  });
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

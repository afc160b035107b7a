import { asc, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { featureHeadAttributions } from '../schema/index.ts';
import { pgArrayLiteral, pgArrayPlaceholder } from '../sql/arrays.ts';
import { preparedSelect } from '../sql/rows.ts';

/** One attention head's share of a feature's decoder row (squared norm; a feature's shares sum to 1). */
export type HeadShareRow = { head: number; share: number };

const selectShares = (db: AtlasDb) => db.orm
  .select()
  .from(featureHeadAttributions)
  .where(sql`${featureHeadAttributions.featureId} = any(${pgArrayPlaceholder('ids', 'bigint')})`)
  .orderBy(asc(featureHeadAttributions.featureId), asc(featureHeadAttributions.head));

/**
 * Head attributions of the given features, heads in order. Only features of SAEs on
 * `attn.hook_z` have any; the others are absent from the map.
 */
export async function getHeadAttributions(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, HeadShareRow[]>> {
  const result = new Map<number, HeadShareRow[]>();
  if (featureIds.length === 0) return result;
  const rows = await preparedSelect(db, selectShares, { ids: pgArrayLiteral([...new Set(featureIds)], 'bigint') });
  for (const row of rows) {
    let shares = result.get(row.featureId);
    if (!shares) {
      shares = [];
      result.set(row.featureId, shares);
    }
    shares.push({ head: row.head, share: row.share });
  }
  return result;
}

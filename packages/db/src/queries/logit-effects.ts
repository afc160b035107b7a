import { asc, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { featureLogitEffects } from '../schema/index.ts';
import { pgArrayLiteral, pgArrayPlaceholder } from '../sql/arrays.ts';
import { preparedSelect } from '../sql/rows.ts';

export type TokenEffectRow = { tokenId: number; token: string; value: number };

export type LogitEffectsRow = {
  featureId: number;
  /** Tokens promoted most, strongest first. */
  positive: TokenEffectRow[];
  /** Tokens suppressed most, most negative first. */
  negative: TokenEffectRow[];
};

const selectEffects = (db: AtlasDb) => db.orm
  .select()
  .from(featureLogitEffects)
  .where(sql`${featureLogitEffects.featureId} = any(${pgArrayPlaceholder('ids', 'bigint')})`)
  .orderBy(asc(featureLogitEffects.featureId), asc(featureLogitEffects.direction), asc(featureLogitEffects.rank));

/** Logit effects of the given features (features without any are absent from the map). */
export async function getLogitEffects(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, LogitEffectsRow>> {
  const result = new Map<number, LogitEffectsRow>();
  if (featureIds.length === 0) return result;
  const rows = await preparedSelect(db, selectEffects, { ids: pgArrayLiteral([...new Set(featureIds)], 'bigint') });
  for (const row of rows) {
    let effects = result.get(row.featureId);
    if (!effects) {
      effects = { featureId: row.featureId, positive: [], negative: [] };
      result.set(row.featureId, effects);
    }
    effects[row.direction].push({ tokenId: row.tokenId, token: row.token, value: row.value });
  }
  return result;
}

import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { CURRENT_LABEL_ORDER, LABEL_COLUMNS, LABEL_JOINS, toLabelRow, type LabelRow, type RawLabelRow } from './label-columns.ts';

export type { LabelRow } from './label-columns.ts';
export * from './label-writes.ts';
export * from './label-pages.ts';

/**
 * The current label of each feature (by `features.id`): its accepted label, else its best-voted
 * one (up − down; ties go to the most recently revised); hidden labels never show. Labels find
 * their feature by (SAE, index), so they outlive a rebuild. Unlabelled features are absent.
 */
export async function getCurrentLabels(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, LabelRow>> {
  if (featureIds.length === 0) return new Map();
  const rows = await queryRows<RawLabelRow & { feature_id: number | string }>(
    db,
    sql`select distinct on (f.id) f.id as feature_id, ${LABEL_COLUMNS}
        from features f
        join labels l on l.sae_id = f.sae_id and l.feature_index = f.index and not l.hidden
        ${LABEL_JOINS}
        where f.id = any(${pgArray(featureIds, 'bigint')})
        order by f.id, ${CURRENT_LABEL_ORDER}`,
  );
  return new Map(rows.map((row) => [Number(row.feature_id), toLabelRow(row)]));
}

/** Labels by id, hidden ones included (the caller decides who may see them). */
export async function getLabelsByIds(db: AtlasDb, ids: readonly number[]): Promise<Map<number, LabelRow>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<RawLabelRow>(
    db,
    sql`select ${LABEL_COLUMNS} from labels l ${LABEL_JOINS} where l.id = any(${pgArray(ids, 'bigint')})`,
  );
  return new Map(rows.map((row) => [Number(row.id), toLabelRow(row)]));
}

/**
 * Every label of the given features (by SAE and index), up to `limitPerFeature` each, in the
 * order they compete for "current"; hidden ones only when asked (after the others).
 */
export async function listLabelsOfFeatures(
  db: AtlasDb,
  args: { features: readonly { saeId: string; index: number }[]; includeHidden: boolean; limitPerFeature: number },
): Promise<LabelRow[]> {
  if (args.features.length === 0) return [];
  const hidden = args.includeHidden ? sql`` : sql`and not l.hidden`;
  const rows = await queryRows<RawLabelRow>(
    db,
    sql`select * from (
          select ${LABEL_COLUMNS},
                 row_number() over (partition by l.sae_id, l.feature_index order by l.hidden, ${CURRENT_LABEL_ORDER}) as place
          from unnest(${pgArray(args.features.map((f) => f.saeId), 'text')}, ${pgArray(args.features.map((f) => f.index), 'int')}) as k(sae_id, idx)
          join labels l on l.sae_id = k.sae_id and l.feature_index = k.idx ${hidden}
          ${LABEL_JOINS}
        ) ranked
        where place <= ${args.limitPerFeature}
        order by sae_id, feature_index, place`,
  );
  return rows.map(toLabelRow);
}

/** One user's votes (+1 / -1) on the given labels; labels they did not vote on are absent. */
export async function getUserVotes(db: AtlasDb, userId: number, labelIds: readonly number[]): Promise<Map<number, 1 | -1>> {
  if (labelIds.length === 0) return new Map();
  const rows = await queryRows<{ label_id: number | string; value: 1 | -1 }>(
    db,
    sql`select label_id, value from label_votes where user_id = ${userId} and label_id = any(${pgArray(labelIds, 'bigint')})`,
  );
  return new Map(rows.map((row) => [Number(row.label_id), row.value]));
}

export type LabelSearchHit = { featureId: number; text: string; rank: number };

/** Full-text search over current label texts (the keyword half of hybrid search); hidden labels are left out. */
export async function searchLabels(
  db: AtlasDb,
  args: { query: string; saeId?: string; limit: number },
): Promise<LabelSearchHit[]> {
  const saeFilter = args.saeId === undefined ? sql`` : sql`and f.sae_id = ${args.saeId}`;
  const rows = await queryRows<{ feature_id: number | string; text: string; rank: number }>(
    db,
    sql`select feature_id, text, rank from (
          select distinct on (f.id) f.id as feature_id, v.text, ts_rank(v.search, q) as rank
          from label_versions v
          join labels l on l.id = v.label_id and not l.hidden
          join features f on f.sae_id = l.sae_id and f.index = l.feature_index
          join saes s on s.id = f.sae_id and s.status = 'complete'
          cross join websearch_to_tsquery('english', ${args.query}) q
          where v.search @@ q ${saeFilter}
            and v.version = (select max(version) from label_versions where label_id = v.label_id)
          order by f.id, rank desc
        ) hits
        order by rank desc, feature_id
        limit ${args.limit}`,
  );
  return rows.map((row) => ({ featureId: Number(row.feature_id), text: row.text, rank: row.rank }));
}

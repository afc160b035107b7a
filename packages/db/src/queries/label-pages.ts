import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import type { LabelSource } from '../schema/labels.ts';
import { queryRows } from '../sql/rows.ts';
import { LABEL_COLUMNS, LABEL_JOINS, toLabelRow, type LabelRow, type RawLabelRow } from './label-columns.ts';

export type LabelVersionRow = {
  id: number;
  labelId: number;
  version: number;
  text: string;
  tags: string[];
  source: LabelSource;
  method: string | null;
  authorId: number | null;
  authorModel: string | null;
  createdAt: Date;
};

/** A label's versions, newest first, in keyset pages (`beforeVersion`: the last version of the previous page). */
export async function listLabelVersions(
  db: AtlasDb,
  args: { labelId: number; beforeVersion: number | null; limit: number },
): Promise<LabelVersionRow[]> {
  const before = args.beforeVersion === null ? sql`` : sql`and version < ${args.beforeVersion}`;
  const rows = await queryRows<{
    id: number | string; label_id: number | string; version: number; text: string; tags: string[]; source: LabelSource;
    method: string | null; author_id: number | string | null; author_model: string | null; created_at: Date | string;
  }>(
    db,
    sql`select id, label_id, version, text, tags, source, method, author_id, author_model, created_at
        from label_versions where label_id = ${args.labelId} ${before}
        order by version desc limit ${args.limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id), labelId: Number(row.label_id), version: row.version, text: row.text, tags: row.tags ?? [], source: row.source,
    method: row.method, authorId: row.author_id === null ? null : Number(row.author_id), authorModel: row.author_model,
    createdAt: new Date(row.created_at),
  }));
}

/**
 * Human labels waiting for review (proposed, not hidden), oldest first, in keyset pages by id
 * (`afterId`: the last id of the previous page); optionally of one SAE.
 */
export async function listReviewQueue(
  db: AtlasDb,
  args: { saeId: string | null; afterId: number | null; limit: number },
): Promise<LabelRow[]> {
  const sae = args.saeId === null ? sql`` : sql`and l.sae_id = ${args.saeId}`;
  const after = args.afterId === null ? sql`` : sql`and l.id > ${args.afterId}`;
  const rows = await queryRows<RawLabelRow>(
    db,
    sql`select ${LABEL_COLUMNS} from labels l ${LABEL_JOINS}
        where l.review_state = 'proposed' and l.source = 'human' and not l.hidden ${sae} ${after}
        order by l.id limit ${args.limit}`,
  );
  return rows.map(toLabelRow);
}

/**
 * The labels a user started or revised, newest thread first, in keyset pages by id (`beforeId`:
 * the last id of the previous page). Hidden ones included: they are the user's own.
 */
export async function listLabelsByContributor(
  db: AtlasDb,
  args: { userId: number; beforeId: number | null; limit: number },
): Promise<LabelRow[]> {
  const before = args.beforeId === null ? sql`` : sql`and l.id < ${args.beforeId}`;
  const rows = await queryRows<RawLabelRow>(
    db,
    sql`select ${LABEL_COLUMNS} from labels l ${LABEL_JOINS}
        where (l.created_by = ${args.userId}
               or exists (select 1 from label_versions a where a.label_id = l.id and a.author_id = ${args.userId})) ${before}
        order by l.id desc limit ${args.limit}`,
  );
  return rows.map(toLabelRow);
}

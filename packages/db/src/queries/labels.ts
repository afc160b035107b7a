import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { labels, labelVersions, labelVotes, type LabelSource } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

export type LabelRow = {
  featureId: number;
  text: string;
  source: LabelSource;
  /** How a machine/llm label was made (`top-tokens v1`); null for human labels. */
  method: string | null;
  /** The LLM that wrote the current version, for `llm` labels. */
  authorModel: string | null;
  updatedAt: Date;
};

/**
 * The current label of each feature: the latest version of its best-voted label (votes summed
 * over all versions of a label; ties go to the most recently revised). Unlabelled features are absent.
 */
export async function getCurrentLabels(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, LabelRow>> {
  if (featureIds.length === 0) return new Map();
  const rows = await queryRows<{
    feature_id: number | string; source: LabelSource; method: string | null; text: string; author_model: string | null;
    updated_at: Date | string;
  }>(
    db,
    sql`select distinct on (l.feature_id) l.feature_id, l.source, l.method, v.text, v.author_model, v.created_at as updated_at
        from labels l
        join lateral (
          select text, author_model, created_at from label_versions where label_id = l.id order by version desc limit 1
        ) v on true
        left join lateral (
          select coalesce(sum(vote.value), 0) as score
          from label_versions lv join label_votes vote on vote.label_version_id = lv.id
          where lv.label_id = l.id
        ) s on true
        where l.feature_id = any(${pgArray(featureIds, 'bigint')})
        order by l.feature_id, s.score desc, v.created_at desc, l.id desc`,
  );
  return new Map(
    rows.map((row) => {
      const featureId = Number(row.feature_id);
      return [
        featureId,
        {
          featureId, text: row.text, source: row.source, method: row.method, authorModel: row.author_model,
          updatedAt: new Date(row.updated_at),
        },
      ];
    }),
  );
}

export type NewLabel = {
  featureId: number;
  text: string;
  source: LabelSource;
  method?: string;
  authorId?: number;
  authorModel?: string;
};

/** Starts a label on a feature with its first version. */
export async function createLabel(db: AtlasDb, label: NewLabel): Promise<{ labelId: number; versionId: number }> {
  return db.transaction(async (tx) => {
    const [created] = await tx.orm
      .insert(labels)
      .values({
        featureId: label.featureId,
        source: label.source,
        method: label.method ?? null,
        createdBy: label.authorId ?? null,
      })
      .returning({ id: labels.id });
    if (!created) throw new Error('label was not created');
    const versionId = await addLabelVersion(tx, {
      labelId: created.id,
      text: label.text,
      authorId: label.authorId,
      authorModel: label.authorModel,
    });
    return { labelId: created.id, versionId };
  });
}

/** Appends a revision (version = previous + 1); returns its id. */
export async function addLabelVersion(
  db: AtlasDb,
  revision: { labelId: number; text: string; authorId?: number | undefined; authorModel?: string | undefined },
): Promise<number> {
  const [version] = await db.orm
    .insert(labelVersions)
    .values({
      labelId: revision.labelId,
      version: sql`(select coalesce(max(version), 0) + 1 from label_versions where label_id = ${revision.labelId})`,
      text: revision.text,
      authorId: revision.authorId ?? null,
      authorModel: revision.authorModel ?? null,
    })
    .returning({ id: labelVersions.id });
  if (!version) throw new Error('label version was not created');
  return version.id;
}

/** Records (or changes) one user's +1 / -1 on a label version. */
export async function voteOnLabelVersion(
  db: AtlasDb,
  vote: { labelVersionId: number; userId: number; value: 1 | -1 },
): Promise<void> {
  await db.orm
    .insert(labelVotes)
    .values(vote)
    .onConflictDoUpdate({
      target: [labelVotes.labelVersionId, labelVotes.userId],
      set: { value: vote.value, createdAt: new Date() },
    });
}

export type LabelSearchHit = { featureId: number; text: string; rank: number };

/** Full-text search over current label texts (the keyword half of hybrid search). */
export async function searchLabels(
  db: AtlasDb,
  args: { query: string; saeId?: string; limit: number },
): Promise<LabelSearchHit[]> {
  const saeFilter = args.saeId === undefined ? sql`` : sql`and f.sae_id = ${args.saeId}`;
  const rows = await queryRows<{ feature_id: number | string; text: string; rank: number }>(
    db,
    sql`select feature_id, text, rank from (
          select distinct on (l.feature_id) l.feature_id, v.text, ts_rank(v.search, q) as rank
          from label_versions v
          join labels l on l.id = v.label_id
          join features f on f.id = l.feature_id
          join saes s on s.id = f.sae_id and s.status = 'complete'
          cross join websearch_to_tsquery('english', ${args.query}) q
          where v.search @@ q ${saeFilter}
            and v.version = (select max(version) from label_versions where label_id = v.label_id)
          order by l.feature_id, rank desc
        ) hits
        order by rank desc, feature_id
        limit ${args.limit}`,
  );
  return rows.map((row) => ({ featureId: Number(row.feature_id), text: row.text, rank: row.rank }));
}

import { and, eq, sql } from 'drizzle-orm';
import { LabelWriteError } from '../errors.ts';
import type { AtlasDb } from '../orm.ts';
import { labels, labelVersions, labelVotes, type LabelSource, type ReviewState } from '../schema/index.ts';
import { queryRows } from '../sql/rows.ts';

export type NewLabel = {
  /** The stored feature (`features.id`); the label keeps its stable identity (SAE id, index). */
  featureId: number;
  text: string;
  source: LabelSource;
  method?: string;
  tags?: readonly string[];
  authorId?: number;
  authorModel?: string;
};

/** Starts a label on a feature with its first version, in one transaction. LabelWriteError (NOT_FOUND) for an unknown feature. */
export async function createLabel(db: AtlasDb, label: NewLabel): Promise<{ labelId: number; versionId: number }> {
  return db.transaction(async (tx) => {
    const [created] = await queryRows<{ id: number | string }>(
      tx,
      sql`insert into labels (sae_id, feature_index, source, method, created_by)
          select sae_id, index, ${label.source}, ${label.method ?? null}, ${label.authorId ?? null} from features where id = ${label.featureId}
          returning id`,
    );
    if (!created) throw new LabelWriteError(`feature ${label.featureId} does not exist; label a stored feature`);
    const labelId = Number(created.id);
    const versionId = await insertVersion(tx, labelId, 1, { ...label });
    return { labelId, versionId };
  });
}

export type LabelRevision = {
  labelId: number;
  text: string;
  /** The previous version's tags when absent. */
  tags?: readonly string[] | undefined;
  /** `human` unless said otherwise. */
  source?: LabelSource | undefined;
  method?: string | undefined;
  authorId?: number | undefined;
  authorModel?: string | undefined;
  /** Puts an accepted or rejected label back in the review queue (a revision by someone who cannot review). */
  reopenReview?: boolean | undefined;
};

/**
 * Appends a revision (version = previous + 1; versions are never rewritten) and returns its id.
 * The label row is locked first, so concurrent revisions get consecutive versions instead of a
 * unique-key failure. LabelWriteError (NOT_FOUND) for an unknown label.
 */
export async function addLabelVersion(db: AtlasDb, revision: LabelRevision): Promise<number> {
  return db.transaction(async (tx) => {
    const [locked] = await queryRows<{ version: number; tags: string[] }>(
      tx,
      sql`select v.version, v.tags from labels l
          join lateral (select version, tags from label_versions where label_id = l.id order by version desc limit 1) v on true
          where l.id = ${revision.labelId} for update of l`,
    );
    if (!locked) throw new LabelWriteError(`label ${revision.labelId} does not exist`);
    if (revision.reopenReview) {
      await tx.orm
        .update(labels)
        .set({ reviewState: 'proposed', reviewedBy: null, reviewedAt: null, reviewNote: null })
        .where(eq(labels.id, revision.labelId));
    }
    return insertVersion(tx, revision.labelId, locked.version + 1, {
      ...revision, source: revision.source ?? 'human', tags: revision.tags ?? locked.tags,
    });
  });
}

async function insertVersion(
  tx: AtlasDb,
  labelId: number,
  version: number,
  v: Omit<LabelRevision, 'labelId' | 'reopenReview'> & { source: LabelSource },
): Promise<number> {
  const [inserted] = await tx.orm
    .insert(labelVersions)
    .values({
      labelId, version, text: v.text, source: v.source, method: v.method ?? null, tags: [...(v.tags ?? [])],
      authorId: v.authorId ?? null, authorModel: v.authorModel ?? null,
    })
    .returning({ id: labelVersions.id });
  if (!inserted) throw new Error('label version was not created');
  return inserted.id;
}

/** Records, replaces (one vote per user per label) or, with 0, withdraws a user's vote on a label. */
export async function voteOnLabel(db: AtlasDb, vote: { labelId: number; userId: number; value: 1 | -1 | 0 }): Promise<void> {
  if (vote.value === 0) {
    await db.orm.delete(labelVotes).where(and(eq(labelVotes.labelId, vote.labelId), eq(labelVotes.userId, vote.userId)));
    return;
  }
  await db.orm
    .insert(labelVotes)
    .values({ labelId: vote.labelId, userId: vote.userId, value: vote.value })
    .onConflictDoUpdate({ target: [labelVotes.labelId, labelVotes.userId], set: { value: vote.value, createdAt: new Date() } });
}

/** Sets a label's review state (who reviewed, when, and an optional note). False when there is no such label. */
export async function setLabelReview(
  db: AtlasDb,
  review: { labelId: number; state: ReviewState; reviewerId: number; note?: string | null },
): Promise<boolean> {
  const updated = await db.orm
    .update(labels)
    .set({ reviewState: review.state, reviewedBy: review.reviewerId, reviewedAt: new Date(), reviewNote: review.note ?? null })
    .where(eq(labels.id, review.labelId))
    .returning({ id: labels.id });
  return updated.length > 0;
}

/** Hides (or shows again) a label: moderation never deletes; who and why are kept. False when there is no such label. */
export async function setLabelHidden(
  db: AtlasDb,
  moderation: { labelId: number; hidden: boolean; moderatorId: number; reason?: string | null },
): Promise<boolean> {
  const updated = await db.orm
    .update(labels)
    .set({ hidden: moderation.hidden, hiddenBy: moderation.moderatorId, hiddenAt: new Date(), hiddenReason: moderation.reason ?? null })
    .where(eq(labels.id, moderation.labelId))
    .returning({ id: labels.id });
  return updated.length > 0;
}

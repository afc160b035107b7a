import { sql, type SQL } from 'drizzle-orm';
import type { LabelSource, ReviewState } from '../schema/labels.ts';

/**
 * A label as every reader sees it: the thread (feature, source, review, moderation), its newest
 * version (text, tags, author) and its votes. One select list and one row mapper, shared by the
 * current-label lookup, the per-feature list, the review queue and "my contributions".
 */
export type LabelRow = {
  id: number;
  saeId: string;
  featureIndex: number;
  /** The newest version's text, tags, source and method. */
  text: string;
  tags: string[];
  version: number;
  source: LabelSource;
  /** How a machine/llm label was made (`top-tokens v1`); null for human labels. */
  method: string | null;
  /** The LLM that wrote the newest version, for `llm` labels. */
  authorModel: string | null;
  /** Who wrote the newest version and who started the thread (null for the build's labels). */
  authorId: number | null;
  createdBy: number | null;
  createdAt: Date;
  /** When the newest version was written. */
  updatedAt: Date;
  reviewState: ReviewState;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  hidden: boolean;
  hiddenBy: number | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  upvotes: number;
  downvotes: number;
};

export type RawLabelRow = {
  id: number | string; sae_id: string; feature_index: number; text: string; tags: string[]; version: number;
  source: LabelSource; method: string | null; author_model: string | null; author_id: number | string | null;
  created_by: number | string | null; created_at: Date | string; updated_at: Date | string;
  review_state: ReviewState; reviewed_by: number | string | null; reviewed_at: Date | string | null; review_note: string | null;
  hidden: boolean; hidden_by: number | string | null; hidden_at: Date | string | null; hidden_reason: string | null;
  upvotes: number | string; downvotes: number | string;
};

/** `select <LABEL_COLUMNS> from labels l <LABEL_JOINS>`: the columns of LabelRow. */
export const LABEL_COLUMNS: SQL = sql`l.id, l.sae_id, l.feature_index, v.text, v.tags, v.version, v.source, v.method, v.author_model,
  v.author_id, l.created_by, l.created_at, v.created_at as updated_at, l.review_state, l.reviewed_by, l.reviewed_at, l.review_note,
  l.hidden, l.hidden_by, l.hidden_at, l.hidden_reason, votes.upvotes, votes.downvotes`;

/** The newest version and the vote counts of label `l`. */
export const LABEL_JOINS: SQL = sql`join lateral (
    select text, tags, version, source, method, author_model, author_id, created_at
    from label_versions where label_id = l.id order by version desc limit 1
  ) v on true
  join lateral (
    select count(*) filter (where value > 0) as upvotes, count(*) filter (where value < 0) as downvotes
    from label_votes where label_id = l.id
  ) votes on true`;

/**
 * The order in which a feature's labels compete for "current": hidden ones never count (filter
 * them out), an accepted label wins, a rejected one comes last, then votes (up − down), then the
 * most recently revised. Needs LABEL_JOINS.
 */
export const CURRENT_LABEL_ORDER: SQL = sql`(l.review_state = 'accepted') desc, (l.review_state = 'rejected') asc,
  (votes.upvotes - votes.downvotes) desc, v.created_at desc, l.id desc`;

const id = (value: number | string | null): number | null => (value === null ? null : Number(value));
const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export function toLabelRow(row: RawLabelRow): LabelRow {
  return {
    id: Number(row.id), saeId: row.sae_id, featureIndex: row.feature_index, text: row.text, tags: row.tags ?? [], version: row.version,
    source: row.source, method: row.method, authorModel: row.author_model, authorId: id(row.author_id), createdBy: id(row.created_by),
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), reviewState: row.review_state,
    reviewedBy: id(row.reviewed_by), reviewedAt: date(row.reviewed_at), reviewNote: row.review_note, hidden: row.hidden,
    hiddenBy: id(row.hidden_by), hiddenAt: date(row.hidden_at), hiddenReason: row.hidden_reason,
    upvotes: Number(row.upvotes), downvotes: Number(row.downvotes),
  };
}

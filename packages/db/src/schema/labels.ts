import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAt, halfvec, tsvector } from './columns.ts';
import { users } from './users.ts';

export type LabelSource = 'human' | 'machine' | 'llm';
export type ReviewState = 'proposed' | 'accepted' | 'rejected';

/**
 * A label thread on a feature. Its text lives in `label_versions` (full history); the current
 * label of a feature is the latest version of its accepted label, else of its best-voted one.
 *
 * A label names its feature by the stable identity `(sae_id, feature_index)`, not `features.id`,
 * and has no foreign key to `features` or `saes`: a rebuild deletes and reinserts the SAE's
 * features (new ids), and human labels with their history, votes and review must outlive it.
 * The build's own labels (machine, llm) are deleted with the SAE (`deleteSae`) and made again.
 */
export const labels = pgTable(
  'labels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    saeId: text('sae_id').notNull(),
    featureIndex: integer('feature_index').notNull(),
    /** Who started the thread: a person, the build, or an LLM (each version says who wrote it). */
    source: text('source').$type<LabelSource>().notNull(),
    /** How a machine/llm label was produced (`max-token`, `auto-interp v2`), free text. */
    method: text('method'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    /** Set by curators and admins; a revision by anyone else puts an accepted label back to proposed. */
    reviewState: text('review_state').$type<ReviewState>().notNull().default('proposed'),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewNote: text('review_note'),
    /** Moderation hides, never deletes: who hid it and why stay with it. */
    hidden: boolean('hidden').notNull().default(false),
    hiddenBy: bigint('hidden_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, mode: 'date' }),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    index('labels_sae_feature_idx').on(t.saeId, t.featureIndex),
    index('labels_review_queue_idx').on(t.reviewState, t.id),
    index('labels_created_by_idx').on(t.createdBy, t.id),
    check('labels_source_check', sql`${t.source} in ('human', 'machine', 'llm')`),
    check('labels_review_state_check', sql`${t.reviewState} in ('proposed', 'accepted', 'rejected')`),
  ],
);

/**
 * One revision of a label's text (append-only: versions are never updated or deleted while their
 * label lives). `search` is a generated tsvector and `embedding` a halfvec (any dimension,
 * tagged by `embedding_model`) for hybrid keyword + semantic search.
 */
export const labelVersions = pgTable(
  'label_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    labelId: bigint('label_id', { mode: 'number' })
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    /** Who wrote this version: a person (`author_id`), the build, or an LLM (`author_model`). */
    source: text('source').$type<LabelSource>().notNull(),
    method: text('method'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    authorId: bigint('author_id', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    /** The LLM that wrote this version, for `llm` labels. */
    authorModel: text('author_model'),
    /** Explanation quality score (e.g. detection / simulation score), when measured. */
    score: real('score'),
    embedding: halfvec('embedding'),
    embeddingModel: text('embedding_model'),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', "text")`),
    createdAt: createdAt(),
  },
  (t) => [
    unique('label_versions_label_version_unique').on(t.labelId, t.version),
    index('label_versions_search_idx').using('gin', t.search),
    index('label_versions_author_idx').on(t.authorId),
    check('label_versions_source_check', sql`${t.source} in ('human', 'machine', 'llm')`),
  ],
);

/** One user's +1 / -1 on one label (all its versions); voting again replaces it. */
export const labelVotes = pgTable(
  'label_votes',
  {
    labelId: bigint('label_id', { mode: 'number' })
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    value: smallint('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.labelId, t.userId] }),
    index('label_votes_user_idx').on(t.userId),
    check('label_votes_value_check', sql`${t.value} in (-1, 1)`),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAt, halfvec, tsvector } from './columns.ts';
import { features } from './features.ts';
import { users } from './users.ts';

export type LabelSource = 'human' | 'machine' | 'llm';

/**
 * A label thread on a feature. Its text lives in `label_versions` (full history); the current
 * label of a feature is the latest version of its best-voted label.
 */
export const labels = pgTable(
  'labels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    source: text('source').$type<LabelSource>().notNull(),
    /** How a machine/llm label was produced (`max-token`, `auto-interp v2`), free text. */
    method: text('method'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [
    index('labels_feature_idx').on(t.featureId),
    check('labels_source_check', sql`${t.source} in ('human', 'machine', 'llm')`),
  ],
);

/**
 * One revision of a label's text. `search` is a generated tsvector and `embedding` a halfvec
 * (any dimension, tagged by `embedding_model`) for hybrid keyword + semantic search.
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
  ],
);

/** One user's +1 / -1 on one label version. */
export const labelVotes = pgTable(
  'label_votes',
  {
    labelVersionId: bigint('label_version_id', { mode: 'number' })
      .notNull()
      .references(() => labelVersions.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    value: smallint('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.labelVersionId, t.userId] }),
    index('label_votes_user_idx').on(t.userId),
    check('label_votes_value_check', sql`${t.value} in (-1, 1)`),
  ],
);

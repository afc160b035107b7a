import { bigint, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { models } from './models.ts';

/** A named text collection (`sotu`, `moby-dick`, a data pool's upload). */
export const corpora = pgTable('corpora', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: createdAt(),
});

/**
 * A tokenized window of a corpus document, stored once per model and shared by every
 * feature and SAE of that model (examples and activations point here).
 */
export const contexts = pgTable(
  'contexts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    corpusId: text('corpus_id')
      .notNull()
      .references(() => corpora.id, { onDelete: 'cascade' }),
    documentId: text('document_id').notNull(),
    startToken: integer('start_token').notNull(),
    /** Part of the window's identity: SAEs built with other context lengths get their own rows. */
    tokenCount: integer('token_count').notNull(),
    tokenIds: integer('token_ids').array().notNull(),
    /** One display string per token, same length as `token_ids`. */
    tokens: text('tokens').array().notNull(),
  },
  (t) => [
    unique('contexts_window_unique').on(t.modelId, t.corpusId, t.documentId, t.startToken, t.tokenCount),
    index('contexts_corpus_idx').on(t.corpusId),
  ],
);

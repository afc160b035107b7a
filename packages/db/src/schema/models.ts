import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** A language model. `id` is a readable slug (`demo-lm`). */
export const models = pgTable('models', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  architecture: text('architecture').notNull(),
  layerCount: integer('layer_count').notNull(),
  dModel: integer('d_model').notNull(),
  vocabSize: integer('vocab_size').notNull(),
  contextLength: integer('context_length').notNull(),
  /** Where the weights were loaded from (a folder or hub id), for provenance. */
  sourcePath: text('source_path'),
  createdAt: createdAt(),
});

import { bigint, index, pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { features } from './features.ts';
import { models } from './models.ts';

/**
 * A lens scores features along named dimensions: geospatial (`lat`, `lon`), political
 * (`left_right`), ... Dictionaries of neurons or experts are `saes` rows with another `kind`.
 */
export const lenses = pgTable('lenses', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** `geospatial`, `political`, ... (open set). */
  kind: text('kind').notNull(),
  description: text('description'),
  modelId: text('model_id').references(() => models.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

export const lensFeatureScores = pgTable(
  'lens_feature_scores',
  {
    lensId: text('lens_id')
      .notNull()
      .references(() => lenses.id, { onDelete: 'cascade' }),
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    dimension: text('dimension').notNull(),
    score: real('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lensId, t.featureId, t.dimension] }),
    index('lens_feature_scores_feature_idx').on(t.featureId),
    index('lens_feature_scores_rank_idx').on(t.lensId, t.dimension, t.score.desc()),
  ],
);

import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, real, smallint, text } from 'drizzle-orm/pg-core';
import { contexts } from './corpora.ts';
import { features } from './features.ts';

export type ExampleKind = 'top' | 'quantile';

/** A context chosen to show a feature: its top activations, or samples across quantiles. */
export const featureExamples = pgTable(
  'feature_examples',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    contextId: bigint('context_id', { mode: 'number' })
      .notNull()
      .references(() => contexts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ExampleKind>().notNull(),
    /** Order within (feature, kind), from 0 (strongest first for `top`). */
    rank: smallint('rank').notNull(),
    maxValue: real('max_value').notNull(),
    maxPosition: smallint('max_position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.featureId, t.kind, t.rank] }),
    index('feature_examples_context_idx').on(t.contextId),
    check('feature_examples_kind_check', sql`${t.kind} in ('top', 'quantile')`),
  ],
);

/**
 * Sparse per-token activations: one row per (feature, context, position) with a non-zero
 * value. The largest table, so it carries no foreign keys: FK triggers halved PGlite load
 * speed (measured 141k → 59k rows/s). Integrity is kept by the ingest and delete functions
 * in `queries/`, which remove a feature's rows together with the feature.
 */
export const activations = pgTable(
  'activations',
  {
    featureId: bigint('feature_id', { mode: 'number' }).notNull(),
    contextId: bigint('context_id', { mode: 'number' }).notNull(),
    position: smallint('position').notNull(),
    value: real('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.featureId, t.contextId, t.position] })],
);

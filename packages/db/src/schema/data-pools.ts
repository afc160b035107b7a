import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { contexts, corpora } from './corpora.ts';
import { features } from './features.ts';
import { models } from './models.ts';
import { users } from './users.ts';

/**
 * A pool of candidate training data for task-specific data selection. Its samples' text is
 * stored as `contexts` of the pool's corpus (once, like every other text).
 */
export const dataPools = pgTable('data_pools', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  modelId: text('model_id')
    .notNull()
    .references(() => models.id, { onDelete: 'cascade' }),
  corpusId: text('corpus_id')
    .notNull()
    .references(() => corpora.id, { onDelete: 'cascade' }),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
    onDelete: 'set null',
  }),
  createdAt: createdAt(),
});

export const poolSamples = pgTable(
  'pool_samples',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poolId: text('pool_id')
      .notNull()
      .references(() => dataPools.id, { onDelete: 'cascade' }),
    /** The uploader's id for the sample. */
    externalId: text('external_id').notNull(),
    contextId: bigint('context_id', { mode: 'number' })
      .notNull()
      .references(() => contexts.id, { onDelete: 'cascade' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
  },
  (t) => [
    unique('pool_samples_external_unique').on(t.poolId, t.externalId),
    index('pool_samples_context_idx').on(t.contextId),
  ],
);

/** Sparse per-sample feature activations: one row per (sample, feature) that fired. */
export const poolSampleActivations = pgTable(
  'pool_sample_activations',
  {
    sampleId: bigint('sample_id', { mode: 'number' })
      .notNull()
      .references(() => poolSamples.id, { onDelete: 'cascade' }),
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    maxValue: real('max_value').notNull(),
    meanValue: real('mean_value').notNull(),
    /** Tokens of the sample on which the feature fired. */
    activeTokens: smallint('active_tokens').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sampleId, t.featureId] }),
    index('pool_sample_activations_feature_idx').on(t.featureId, t.maxValue.desc()),
  ],
);

/** A ranked subset of a pool chosen by feature criteria (weights in `selection_features`). */
export const selections = pgTable(
  'selections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poolId: text('pool_id')
      .notNull()
      .references(() => dataPools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** Scoring rule, e.g. `weighted_max`, with its parameters. */
    method: text('method').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [index('selections_pool_idx').on(t.poolId)],
);

export const selectionFeatures = pgTable(
  'selection_features',
  {
    selectionId: bigint('selection_id', { mode: 'number' })
      .notNull()
      .references(() => selections.id, { onDelete: 'cascade' }),
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    weight: real('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.selectionId, t.featureId] })],
);

export const selectionItems = pgTable(
  'selection_items',
  {
    selectionId: bigint('selection_id', { mode: 'number' })
      .notNull()
      .references(() => selections.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    sampleId: bigint('sample_id', { mode: 'number' })
      .notNull()
      .references(() => poolSamples.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.selectionId, t.rank] }),
    index('selection_items_sample_idx').on(t.sampleId),
  ],
);

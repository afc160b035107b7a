import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { features } from './features.ts';
import { models } from './models.ts';
import { saes } from './saes.ts';
import { users } from './users.ts';

/** Postgres `bytea`; the query modules move it as base64 text (PGlite's binary parameters are ~15× slower). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Plain texts, or prompt/response pairs (`text` holds the prompt, `response` the answer). */
export type PoolFormat = 'text' | 'pair';

/**
 * A pool of candidate training data for task-specific data selection (MONA). A pool is only
 * samples: which model, SAE or embedder represents them is a `pool_representations` row, so
 * one pool serves every SAE. Migration `data_selection` (0005 here) reshaped 0000's version, which
 * tied a pool to one model and kept its text as `contexts` (one tokenization per model).
 */
export const dataPools = pgTable(
  'data_pools',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    format: text('format').$type<PoolFormat>().notNull().default('text'),
    /** Where the samples came from: an upload's file name, `corpus:<name>`, … (provenance only). */
    source: text('source'),
    sampleCount: integer('sample_count').notNull().default(0),
    /** Characters of sample text (prompts and responses), for sizing representation jobs. */
    characterCount: bigint('character_count', { mode: 'number' }).notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [check('data_pools_format_check', sql`${t.format} in ('text', 'pair')`)],
);

export const poolSamples = pgTable(
  'pool_samples',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poolId: text('pool_id')
      .notNull()
      .references(() => dataPools.id, { onDelete: 'cascade' }),
    /** 0, 1, 2, … in upload order: the order results and downloads keep. */
    position: integer('position').notNull(),
    /** The uploader's id for the sample (its line number when it had none). */
    externalId: text('external_id').notNull(),
    /** The sample (a `pair` pool: the prompt). */
    text: text('text').notNull(),
    /** A `pair` pool's response; null for plain text. */
    response: text('response'),
    /** The upload's other fields, kept as they came (e.g. a category). */
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
  },
  (t) => [
    unique('pool_samples_external_unique').on(t.poolId, t.externalId),
    unique('pool_samples_position_unique').on(t.poolId, t.position),
  ],
);

export type RepresentationKind = 'sae' | 'hidden' | 'embedding';
export type RepresentationStatus = 'building' | 'complete';

/**
 * How a pool's samples are represented for scoring: an SAE's codes mean-pooled over each
 * sample's tokens (`sae`), the same hook's raw hidden states mean-pooled (`hidden`, the
 * paper's ablation), or a sentence embedder's vectors (`embedding`). `key` names it uniquely
 * within the pool (`sae:<saeId>`, `hidden:<modelId>/<hook>`, `embedding:<name>@<checksum>`).
 * Built resumably: `samples_done` counts stored vectors; `complete` once every sample has one.
 */
export const poolRepresentations = pgTable(
  'pool_representations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poolId: text('pool_id')
      .notNull()
      .references(() => dataPools.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    kind: text('kind').$type<RepresentationKind>().notNull(),
    saeId: text('sae_id').references(() => saes.id, { onDelete: 'cascade' }),
    modelId: text('model_id').references(() => models.id, { onDelete: 'cascade' }),
    hookName: text('hook_name'),
    /** Length of each vector (SAE width; 2 × d_model for split hidden states; embedding size). */
    dimensions: integer('dimensions').notNull(),
    /** Window length, stored-feature cap, pooling, embedder identity: whatever makes vectors comparable. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<RepresentationStatus>().notNull().default('building'),
    samplesDone: integer('samples_done').notNull().default(0),
    tokenCount: bigint('token_count', { mode: 'number' }).notNull().default(0),
    /** Samples longer than one window (processed in windows and pooled over all of them). */
    windowedSamples: integer('windowed_samples').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('pool_representations_key_unique').on(t.poolId, t.key),
    check('pool_representations_kind_check', sql`${t.kind} in ('sae', 'hidden', 'embedding')`),
    check('pool_representations_status_check', sql`${t.status} in ('building', 'complete')`),
  ],
);

/**
 * One packed vector per (representation, sample): `vector` is `@atlas/select`'s codec (sparse,
 * fp16 values). One row per sample rather than per (sample, feature) as in 0000: a 100k pool
 * reads back in one keyset scan, and a sample's vector is written (resumably) in one row.
 */
export const poolSampleVectors = pgTable(
  'pool_sample_vectors',
  {
    representationId: bigint('representation_id', { mode: 'number' })
      .notNull()
      .references(() => poolRepresentations.id, { onDelete: 'cascade' }),
    sampleId: bigint('sample_id', { mode: 'number' })
      .notNull()
      .references(() => poolSamples.id, { onDelete: 'cascade' }),
    tokenCount: integer('token_count').notNull(),
    windowCount: integer('window_count').notNull(),
    vector: bytea('vector').notNull(),
  },
  (t) => [primaryKey({ columns: [t.representationId, t.sampleId] })],
);

export type SelectionStatus = 'running' | 'complete' | 'failed';

/**
 * A ranked subset of a pool chosen for a task: `method` (`mona`, `bm25`, `embedding`,
 * `hidden`, `random`) with its `params` (scoring, aggregation, seed, …), the targets it was
 * chosen for (`targets`: example texts, or `target_pool_id`), and the top `ratio` or `count`.
 */
export const selections = pgTable(
  'selections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    poolId: text('pool_id')
      .notNull()
      .references(() => dataPools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    method: text('method').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    saeId: text('sae_id').references(() => saes.id, { onDelete: 'set null' }),
    targetPoolId: text('target_pool_id').references(() => dataPools.id, { onDelete: 'set null' }),
    /** The target example texts (null when a target pool was given). */
    targets: jsonb('targets').$type<string[]>(),
    ratio: real('ratio'),
    count: integer('count'),
    status: text('status').$type<SelectionStatus>().notNull().default('running'),
    /** Samples scored (the pool's size when it ran) and chosen. */
    poolSize: integer('pool_size'),
    selectedCount: integer('selected_count'),
    /** Timings and other measurements of the run. */
    stats: jsonb('stats').$type<Record<string, unknown>>(),
    error: text('error'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    /** The job that runs it (`jobs.id`), when a job does: a retried attempt reuses the row. */
    jobId: uuid('job_id'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('selections_pool_idx').on(t.poolId),
    uniqueIndex('selections_job_idx').on(t.jobId),
    check('selections_status_check', sql`${t.status} in ('running', 'complete', 'failed')`),
  ],
);

/** The features that weigh most in a selection's prototype (SAE methods), with their weight. */
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

/**
 * A selected sample, by rank, with its score and (SAE methods) its driving features: the
 * feature indices contributing most to the score, and each one's contribution (they sum to at
 * most the score).
 */
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
    featureIndices: integer('feature_indices').array(),
    featureContributions: real('feature_contributions').array(),
  },
  (t) => [
    primaryKey({ columns: [t.selectionId, t.rank] }),
    index('selection_items_sample_idx').on(t.sampleId),
  ],
);

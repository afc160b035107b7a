import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  integer,
  real,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { BuildStatus } from './builds.ts';
import { createdAt } from './columns.ts';
import { features } from './features.ts';
import { saes } from './saes.ts';

/**
 * A run matching the features of one SAE to another (same or different model), e.g. by
 * decoder cosine (same d_in) or activation correlation on shared contexts.
 */
export const comparisonRuns = pgTable(
  'comparison_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceSaeId: text('source_sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    targetSaeId: text('target_sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    /** `decoder_cosine`, `activation_correlation`, `jaccard`, ... */
    method: text('method').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<BuildStatus>().notNull().default('building'),
    /** The figures with their nulls and p-values (`ComparisonSummary.figures` of @atlas/compare). */
    figures: jsonb('figures').$type<unknown[]>().notNull().default([]),
    /** A bounded approximation replaced the exact algorithm (e.g. greedy assignment past its size limit). */
    approximate: boolean('approximate').notNull().default(false),
    /** The job that made it (`jobs.id`); one run per job, so a retried job replaces its own rows. */
    jobId: text('job_id').unique(),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('comparison_runs_pair_idx').on(t.sourceSaeId, t.targetSaeId),
    index('comparison_runs_method_idx').on(t.method, t.status),
    check('comparison_runs_status_check', sql`${t.status} in ('building', 'complete', 'failed')`),
  ],
);

/** The best target features for each source feature of a run, ranked by score. */
export const featureMatches = pgTable(
  'feature_matches',
  {
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => comparisonRuns.id, { onDelete: 'cascade' }),
    sourceFeatureId: bigint('source_feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    rank: smallint('rank').notNull(),
    targetFeatureId: bigint('target_feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    /** Each is the other's best match. */
    mutual: boolean('mutual').notNull().default(false),
    /** In the method's pairing (one-to-one assignment, or A's argmax partner). */
    assigned: boolean('assigned').notNull().default(false),
    /**
     * Families runs only (null otherwise): P(parent fires | child fires) over the run's tokens, the
     * parent being feature A (narrow SAE) and the child feature B (wide SAE); `score` is their cosine.
     */
    containment: real('containment'),
    /** Families runs only: tokens where parent and child both fire. */
    coFiring: integer('co_firing'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.sourceFeatureId, t.rank] }),
    index('feature_matches_target_idx').on(t.targetFeatureId, t.runId),
    index('feature_matches_source_idx').on(t.sourceFeatureId),
    index('feature_matches_run_score_idx').on(t.runId, t.score.desc(), t.sourceFeatureId, t.rank),
  ],
);

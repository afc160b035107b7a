import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { labelVersions } from './labels.ts';

/**
 * How well one label version predicts where its feature fires, by one scorer (`embedding`,
 * `detection`, `fuzzing`) at one version of that scorer. Re-scoring with the same scorer and
 * version replaces the row (the primary key); a new scorer version adds rows beside the old.
 * Deleted with the label version (a rebuild remakes machine labels, and their scores with them).
 */
export const labelScores = pgTable(
  'label_scores',
  {
    labelVersionId: bigint('label_version_id', { mode: 'number' })
      .notNull()
      .references(() => labelVersions.id, { onDelete: 'cascade' }),
    scorer: text('scorer').notNull(),
    scorerVersion: text('scorer_version').notNull(),
    /** ROC-AUC (embedding) or balanced accuracy (detection, fuzzing), in [0, 1]; 0.5 is chance. */
    score: real('score').notNull(),
    /** Activating and non-activating contexts the score was measured on. */
    nPos: integer('n_pos').notNull(),
    nNeg: integer('n_neg').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.labelVersionId, t.scorer, t.scorerVersion] }),
    index('label_scores_scorer_idx').on(t.scorer, t.scorerVersion),
    check('label_scores_score_check', sql`${t.score} >= 0 and ${t.score} <= 1`),
  ],
);

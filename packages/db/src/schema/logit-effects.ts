import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, primaryKey, real, smallint, text } from 'drizzle-orm/pg-core';
import { features } from './features.ts';

/** Tokens a feature's decoder direction promotes (`positive`) or suppresses (`negative`) most. */
export const featureLogitEffects = pgTable(
  'feature_logit_effects',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    direction: text('direction').$type<'positive' | 'negative'>().notNull(),
    rank: smallint('rank').notNull(),
    tokenId: integer('token_id').notNull(),
    token: text('token').notNull(),
    value: real('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.featureId, t.direction, t.rank] }),
    check('feature_logit_effects_direction_check', sql`${t.direction} in ('positive', 'negative')`),
  ],
);

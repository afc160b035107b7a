import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, primaryKey, real, smallint } from 'drizzle-orm/pg-core';
import { features } from './features.ts';

/**
 * For features of an SAE on an attention head output (`blocks.L.attn.hook_z`, heads
 * concatenated): each head's share of the decoder row's squared norm, so a feature's shares sum
 * to 1. One row per (feature, head), like histogram bins; SAEs on other hooks have none.
 */
export const featureHeadAttributions = pgTable(
  'feature_head_attributions',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    head: smallint('head').notNull(),
    share: real('share').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.featureId, t.head] }),
    check('feature_head_attributions_head_check', sql`${t.head} >= 0`),
    check('feature_head_attributions_share_check', sql`${t.share} >= 0 and ${t.share} <= 1`),
  ],
);

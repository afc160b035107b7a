import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, real, smallint, text } from 'drizzle-orm/pg-core';
import { features } from './features.ts';

export type NeighbourMethod = 'decoder_cosine' | 'coactivation';

/** Precomputed nearest features of a feature within its SAE, ranked per method. */
export const featureNeighbours = pgTable(
  'feature_neighbours',
  {
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    method: text('method').$type<NeighbourMethod>().notNull(),
    rank: smallint('rank').notNull(),
    neighbourId: bigint('neighbour_id', { mode: 'number' })
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.featureId, t.method, t.rank] }),
    index('feature_neighbours_neighbour_idx').on(t.neighbourId),
    check('feature_neighbours_method_check', sql`${t.method} in ('decoder_cosine', 'coactivation')`),
  ],
);

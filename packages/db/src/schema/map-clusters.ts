import { integer, pgTable, primaryKey, real, text } from 'drizzle-orm/pg-core';
import { saes } from './saes.ts';

/**
 * A cluster of an SAE's feature map: its members are the features whose `map_cluster` is
 * `cluster`; the caption (a few words characteristic of its members' labels) is drawn at (x, y),
 * the members' centre on the map (coordinates in 0..1 like the features').
 */
export const mapClusters = pgTable(
  'map_clusters',
  {
    saeId: text('sae_id')
      .notNull()
      .references(() => saes.id, { onDelete: 'cascade' }),
    cluster: integer('cluster').notNull(),
    caption: text('caption').notNull(),
    x: real('x').notNull(),
    y: real('y').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.saeId, t.cluster] })],
);

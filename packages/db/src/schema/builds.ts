import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export type BuildStatus = 'building' | 'complete' | 'failed';

/**
 * One attempt to load an SAE's atlas. Kept as history (no foreign key to `saes`, so a
 * replaced or deleted SAE keeps its log); `saes.build_id` points at the build it shows.
 */
export const builds = pgTable(
  'builds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    saeId: text('sae_id').notNull(),
    checksum: text('checksum').notNull(),
    status: text('status').$type<BuildStatus>().notNull().default('building'),
    startedAt: createdAt('started_at'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    rowCounts: jsonb('row_counts').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
  },
  (t) => [
    index('builds_sae_idx').on(t.saeId, t.startedAt.desc()),
    check('builds_status_check', sql`${t.status} in ('building', 'complete', 'failed')`),
  ],
);

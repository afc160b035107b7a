import { bigint, integer, pgTable, varchar } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters of the API, shared by every API instance on one Postgres: the table
 * rate-limiter-flexible's RateLimiterPostgres expects (`key`, points used, `expire` in epoch ms),
 * created here so migrations own it (the limiter runs with `tableCreated: true`). Not used on
 * PGlite, where one process owns the database and counts in memory.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

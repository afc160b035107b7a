import type pg from 'pg';
import { postgresPoolOf } from '../drivers/postgres.ts';
import type { AtlasDb } from '../orm.ts';

/** Where rate-limiter-flexible's RateLimiterPostgres keeps its counters (table `rate_limits`, see schema/rate-limits.ts). */
export type RateLimitStore = { storeClient: pg.Pool; storeType: 'pool'; tableName: 'rate_limits'; tableCreated: true };

/**
 * The store for rate limits shared across API instances: the Postgres pool and the migrated
 * `rate_limits` table; null on PGlite (one process owns an embedded database: counting in that
 * process's memory is exact and spares its single backend a write per request).
 */
export function rateLimitStore(db: AtlasDb): RateLimitStore | null {
  const pool = postgresPoolOf(db);
  return pool ? { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true } : null;
}

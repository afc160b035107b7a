import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DatabaseConnectionError } from '../errors.ts';
import { registerCopyClient } from './copy-client.ts';
import { migrate, registerMigrator } from '../migrate.ts';
import { transactionalDb, type AtlasDb } from '../orm.ts';
import { migrationsFolder } from '../paths.ts';
import * as schema from '../schema/index.ts';

/** Any advisory-lock key works as long as every atlas process uses the same one. */
const MIGRATION_LOCK = 0x61746c6173; // "atlas"

/** The pool under each Postgres AtlasDb (not its transactions): for stores that speak node-postgres, such as rate limits. */
const pools = new WeakMap<AtlasDb, pg.Pool>();

export function postgresPoolOf(db: AtlasDb): pg.Pool | undefined {
  return pools.get(db);
}

/** A node-postgres pool on `url`, migrated on open. */
export async function openPostgres(url: string): Promise<AtlasDb> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw connectionError(url, error);
  }
  return openPostgresPool(pool);
}

/**
 * An AtlasDb over an existing pool, migrated on open; `close()` ends the pool. Transactions
 * bulk-load with COPY FROM STDIN unless the server is PGlite (its wire protocol has no COPY
 * sub-protocol: the connection drops) or `copy: false` is passed.
 */
export async function openPostgresPool(pool: pg.Pool, options: { copy?: boolean } = {}): Promise<AtlasDb> {
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(`[atlas/db] idle Postgres connection: ${error.message}`));
  const orm = drizzle({ client: pool, schema });
  let copy = false;
  const db: AtlasDb = {
    orm,
    kind: 'postgres',
    close: () => pool.end(),
    transaction: (fn) => (copy ? copyCapableTransaction(pool, fn) : orm.transaction((tx) => fn(transactionalDb(tx, 'postgres')))),
  };
  pools.set(db, pool);
  registerMigrator(db, () => migrateLocked(pool));
  try {
    await migrate(db);
    copy = options.copy ?? !(await isPglite(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

async function isPglite(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ version: string }>('select version()');
  return /PGlite/i.test(rows[0]?.version ?? '');
}

/** A transaction on one checked-out client, registered so bulk loads can COPY on it. */
export async function copyCapableTransaction<T>(pool: pg.Pool, fn: (tx: AtlasDb) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    return await drizzle({ client, schema }).transaction(async (tx) => {
      const txDb = transactionalDb(tx, 'postgres');
      registerCopyClient(txDb, client);
      return fn(txDb);
    });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // After a failure (say, a COPY cut off mid-stream) the connection is discarded, not reused.
    client.release(failure);
  }
}

/** Migrates on one connection holding a session advisory lock, so concurrent starts don't race. */
async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const session = drizzle({ client, schema });
    await session.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await drizzleMigrate(session, { migrationsFolder });
    } finally {
      await session.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    client.release();
  }
}

function connectionError(url: string, cause: unknown): DatabaseConnectionError {
  const { hostname, port, pathname } = new URL(url);
  const where = `${hostname}:${port || '5432'}${pathname}`;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined;
  const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
  return new DatabaseConnectionError(
    `Cannot connect to Postgres at ${where} (${reason}). Start the bundled database with ` +
      '`docker compose up db`, or unset DATABASE_URL to use the embedded PGlite database.',
    { cause },
  );
}

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PgBoss = createRequire(import.meta.url)('pg-boss') as { getConstructionPlans(schema: string): string };

/** The statements of the migration that makes pg-boss's schema, as drizzle runs them. */
function pgbossMigration(): string[] {
  const folder = path.resolve(import.meta.dirname, '../../../db/migrations');
  const file = readdirSync(folder).find((name) => name.endsWith('_pgboss_schema.sql'))!;
  return readFileSync(path.join(folder, file), 'utf8').split('--> statement-breakpoint');
}

/** Every part of the pgboss schema a migration could get wrong, as sorted text. */
const CATALOG_QUERIES = {
  columns: `select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            from information_schema.columns where table_schema = 'pgboss'`,
  constraints: `select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                from pg_constraint where connamespace = 'pgboss'::regnamespace`,
  indexes: `select tablename || ' ' || indexdef from pg_indexes where schemaname = 'pgboss'`,
  functions: `select pg_get_functiondef(oid) from pg_proc where pronamespace = 'pgboss'::regnamespace`,
  types: `select enumlabel || ' ' || enumsortorder from pg_enum where enumtypid = 'pgboss.job_state'::regtype`,
  partitions: `select inhrelid::regclass || ' of ' || inhparent::regclass from pg_inherits where inhparent = 'pgboss.job'::regclass`,
  rows: `select 'version ' || version from pgboss.version union all select 'queue ' || name || ' ' || policy || ' ' || partition_name from pgboss.queue`,
};

async function catalog(db: { query<T>(sql: string): Promise<{ rows: T[] }> }) {
  const entries = await Promise.all(Object.entries(CATALOG_QUERIES).map(async ([name, sql]) => {
    const { rows } = await db.query<Record<string, string>>(sql);
    return [name, rows.map((row) => Object.values(row)[0]!).sort()] as const;
  }));
  return Object.fromEntries(entries);
}

describe('pg-boss schema from db/migrations', () => {
  let migrated: PGlite;
  let reference: PGlite;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const db = await openDatabase({ inMemory: true });
    close = () => db.close();
    migrated = (db.orm as unknown as { $client: PGlite }).$client;
    // What pg-boss 10 builds itself when allowed to (`migrate: true`), plus the queue our migration adds.
    reference = await PGlite.create();
    await reference.exec(PgBoss.getConstructionPlans('pgboss'));
    await reference.query(`select pgboss.create_queue('statistics-shard', '{"policy":"standard"}')`);
  });

  afterAll(async () => {
    await close?.();
    await reference?.close();
  });

  it("equals pg-boss's own construction: tables, columns, constraints, indexes, functions, version", async () => {
    const ours = await catalog(migrated);
    expect(ours.rows).toContain('version 24');
    expect(ours.partitions).toHaveLength(1);
    expect(ours.functions).toHaveLength(2);
    expect(ours.columns!.length).toBeGreaterThan(40);
    expect(ours).toEqual(await catalog(reference));
  });

  it('replaces the pgboss and atlas_jobs schemas that the shard queue used to create from code', async () => {
    const old = await PGlite.create();
    try {
      await old.exec(PgBoss.getConstructionPlans('pgboss'));
      await old.query(`select pgboss.create_queue('atlas-statistics-shard', '{"policy":"standard"}')`);
      await old.exec('create schema atlas_jobs; create table atlas_jobs.statistics_shard_results (pass_key text)');
      await old.transaction(async (tx) => {
        for (const statement of pgbossMigration()) await tx.query(statement);
      });
      expect(await catalog(old)).toEqual(await catalog(reference));
      expect((await old.query(`select 1 from pg_namespace where nspname = 'atlas_jobs'`)).rows).toEqual([]);
    } finally {
      await old.close();
    }
  });
});

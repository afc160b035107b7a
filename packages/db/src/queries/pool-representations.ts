import { and, asc, eq, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { poolRepresentations, poolSamples, type RepresentationKind, type RepresentationStatus } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { sampleColumns } from './pool-sample-columns.ts';
import type { PoolSampleRow } from './pools.ts';

export type RepresentationRow = {
  id: number;
  poolId: string;
  key: string;
  kind: RepresentationKind;
  saeId: string | null;
  modelId: string | null;
  hookName: string | null;
  dimensions: number;
  settings: Record<string, unknown>;
  status: RepresentationStatus;
  samplesDone: number;
  tokenCount: number;
  windowedSamples: number;
  updatedAt: Date;
};

export type RepresentationSpec = Pick<RepresentationRow, 'poolId' | 'key' | 'kind' | 'saeId' | 'modelId' | 'hookName' | 'dimensions' | 'settings'>;

/** One sample's packed vector (the codec is `@atlas/select`'s; the database keeps the bytes). */
export type SampleVectorRow = { sampleId: number; tokenCount: number; windowCount: number; vector: Uint8Array };

/**
 * The pool's representation under `spec.key`, created when missing. When the stored one was
 * made with other `settings` or `dimensions` (another window length, SAE checksum, embedder),
 * its vectors are deleted and it starts again: vectors of one representation are comparable.
 */
export async function ensurePoolRepresentation(db: AtlasDb, spec: RepresentationSpec): Promise<RepresentationRow> {
  return db.transaction(async (tx) => {
    await tx.orm.insert(poolRepresentations).values(spec).onConflictDoNothing();
    const row = (await getPoolRepresentation(tx, spec.poolId, spec.key))!;
    if (row.dimensions === spec.dimensions && sameJson(row.settings, spec.settings)) return row;
    await tx.orm.execute(sql`delete from pool_sample_vectors where representation_id = ${row.id}`);
    await tx.orm
      .update(poolRepresentations)
      .set({ ...spec, status: 'building', samplesDone: 0, tokenCount: 0, windowedSamples: 0, updatedAt: new Date() })
      .where(eq(poolRepresentations.id, row.id));
    return (await getPoolRepresentation(tx, spec.poolId, spec.key))!;
  });
}

export async function getPoolRepresentation(db: AtlasDb, poolId: string, key: string): Promise<RepresentationRow | undefined> {
  const rows = await db.orm
    .select()
    .from(poolRepresentations)
    .where(and(eq(poolRepresentations.poolId, poolId), eq(poolRepresentations.key, key)));
  return rows[0] ? toRow(rows[0]) : undefined;
}

export async function listPoolRepresentations(db: AtlasDb, poolId: string): Promise<RepresentationRow[]> {
  const rows = await db.orm.select().from(poolRepresentations).where(eq(poolRepresentations.poolId, poolId)).orderBy(asc(poolRepresentations.key));
  return rows.map(toRow);
}

/** The next samples (by position) that have no vector in this representation yet: what a resumed build does next. */
export async function samplesWithoutVector(
  db: AtlasDb,
  args: { representationId: number; poolId: string; limit: number },
): Promise<PoolSampleRow[]> {
  return db.orm
    .select(sampleColumns)
    .from(poolSamples)
    .where(
      and(
        eq(poolSamples.poolId, args.poolId),
        sql`not exists (select 1 from pool_sample_vectors v where v.representation_id = ${args.representationId} and v.sample_id = ${poolSamples.id})`,
      ),
    )
    .orderBy(asc(poolSamples.position))
    .limit(args.limit);
}

/**
 * Stores vectors and advances the representation's progress in one transaction, so a build
 * killed between two calls resumes exactly after the last one. A vector stored already is
 * kept (a repeated call changes nothing).
 */
export async function storeSampleVectors(db: AtlasDb, representationId: number, rows: readonly SampleVectorRow[]): Promise<RepresentationRow> {
  return db.transaction(async (tx) => {
    if (rows.length > 0) {
      // bytea goes in as base64 text: PGlite serialises a Uint8Array parameter ~15× slower.
      const inserted = await queryRows<{ token_count: number; window_count: number }>(
        tx,
        sql`insert into pool_sample_vectors (representation_id, sample_id, token_count, window_count, vector)
          select ${representationId}, u.sample_id, u.token_count, u.window_count, decode(u.vector, 'base64')
          from unnest(${pgArray(rows.map((r) => r.sampleId), 'bigint')}, ${pgArray(rows.map((r) => r.tokenCount), 'int')},
            ${pgArray(rows.map((r) => r.windowCount), 'int')}, ${pgArray(rows.map((r) => Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength).toString('base64')), 'text')})
            as u(sample_id, token_count, window_count, vector)
          on conflict do nothing
          returning token_count, window_count`,
      );
      const tokens = inserted.reduce((sum, r) => sum + Number(r.token_count), 0);
      const windowed = inserted.filter((r) => Number(r.window_count) > 1).length;
      await tx.orm
        .update(poolRepresentations)
        .set({
          samplesDone: sql`${poolRepresentations.samplesDone} + ${inserted.length}`,
          tokenCount: sql`${poolRepresentations.tokenCount} + ${tokens}`,
          windowedSamples: sql`${poolRepresentations.windowedSamples} + ${windowed}`,
          updatedAt: new Date(),
        })
        .where(eq(poolRepresentations.id, representationId));
    }
    const [row] = await tx.orm.select().from(poolRepresentations).where(eq(poolRepresentations.id, representationId));
    return toRow(row!);
  });
}

/** Marks the representation complete when every sample of its pool has a vector; returns it. */
export async function completePoolRepresentation(db: AtlasDb, representationId: number): Promise<RepresentationRow> {
  await db.orm.execute(sql`
    update pool_representations r set status = 'complete', updated_at = now()
    from data_pools p
    where r.id = ${representationId} and p.id = r.pool_id and r.samples_done = p.sample_count`);
  // Fresh statistics for the planner (PGlite has no autovacuum): scoring pages by primary key.
  await db.orm.execute(sql`analyze pool_sample_vectors`);
  const [row] = await db.orm.select().from(poolRepresentations).where(eq(poolRepresentations.id, representationId));
  return toRow(row!);
}

/**
 * A page of vectors by sample id, after `afterSampleId` (keyset over the primary key): how
 * scoring streams a whole pool without holding it as rows.
 */
export async function readSampleVectors(
  db: AtlasDb,
  args: { representationId: number; afterSampleId: number | null; limit: number },
): Promise<SampleVectorRow[]> {
  const rows = await queryRows<{ sample_id: number | string; token_count: number; window_count: number; vector: string }>(
    db,
    // The page is cut first and only its rows are base64-encoded: with `encode` beside a sort,
    // a plan may encode every row of the representation per page (measured: 100k vectors read
    // in 484 s instead of seconds).
    sql`select v.sample_id, v.token_count, v.window_count, encode(v.vector, 'base64') as vector
      from (select sample_id, token_count, window_count, vector from pool_sample_vectors
        where representation_id = ${args.representationId} and sample_id > ${args.afterSampleId ?? 0}
        order by sample_id limit ${args.limit}) v
      order by v.sample_id`,
  );
  return rows.map(fromVectorRow);
}

/** The vectors of the given samples (those that have one), in the order asked. */
export async function getSampleVectors(db: AtlasDb, representationId: number, sampleIds: readonly number[]): Promise<SampleVectorRow[]> {
  if (sampleIds.length === 0) return [];
  const rows = await queryRows<{ sample_id: number | string; token_count: number; window_count: number; vector: string }>(
    db,
    sql`select sample_id, token_count, window_count, encode(vector, 'base64') as vector
      from pool_sample_vectors
      where representation_id = ${representationId} and sample_id = any(${pgArray([...new Set(sampleIds)], 'bigint')})`,
  );
  const byId = new Map(rows.map((row) => [Number(row.sample_id), fromVectorRow(row)]));
  return sampleIds.flatMap((id) => byId.get(id) ?? []);
}

function fromVectorRow(row: { sample_id: number | string; token_count: number; window_count: number; vector: string }): SampleVectorRow {
  const bytes = Buffer.from(row.vector, 'base64');
  return {
    sampleId: Number(row.sample_id),
    tokenCount: Number(row.token_count),
    windowCount: Number(row.window_count),
    vector: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}

function toRow(row: typeof poolRepresentations.$inferSelect): RepresentationRow {
  const { createdAt: _createdAt, ...rest } = row;
  return rest;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

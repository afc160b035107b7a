import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { DataPoolError } from '../errors.ts';
import type { AtlasDb } from '../orm.ts';
import { dataPools, poolSamples, type PoolFormat } from '../schema/index.ts';

export type { PoolFormat };
import { pgArray } from '../sql/arrays.ts';
import { chunkRanges } from '../sql/bulk.ts';
import { inRequestOrder } from '../sql/request-order.ts';
import { sampleColumns } from './pool-sample-columns.ts';

export type PoolRow = {
  id: string;
  name: string;
  description: string | null;
  format: PoolFormat;
  source: string | null;
  sampleCount: number;
  characterCount: number;
  createdAt: Date;
};

export type NewPool = { id: string; name: string; description?: string | null; format: PoolFormat; source?: string | null; createdBy?: number | null };

export type NewPoolSample = {
  externalId: string;
  text: string;
  /** A pair's response; null for plain text. */
  response: string | null;
  metadata: Record<string, unknown> | null;
};

export type PoolSampleRow = NewPoolSample & { id: number; position: number };

/** Rows per insert statement (one text[] parameter per column, so any count fits). */
const SAMPLE_CHUNK = 5_000;

/**
 * Creates a pool with its samples (positions 0, 1, … in the order given) in one transaction:
 * a failure leaves no pool and no sample. A pool id that exists is a CONFLICT.
 */
export async function createPool(db: AtlasDb, pool: NewPool, samples: readonly NewPoolSample[]): Promise<PoolRow> {
  return db.transaction(async (tx) => {
    const inserted = await tx.orm
      .insert(dataPools)
      .values({
        id: pool.id,
        name: pool.name,
        description: pool.description ?? null,
        format: pool.format,
        source: pool.source ?? null,
        sampleCount: samples.length,
        characterCount: samples.reduce((sum, s) => sum + s.text.length + (s.response?.length ?? 0), 0),
        createdBy: pool.createdBy ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: dataPools.id });
    if (inserted.length === 0) {
      throw new DataPoolError(`A pool with id "${pool.id}" exists already; choose another id or delete that pool first.`, { code: 'CONFLICT' });
    }
    for (const [start, end] of chunkRanges(samples.length, SAMPLE_CHUNK)) {
      const chunk = samples.slice(start, end);
      // NULLs travel as '' (a text[] literal here has no NULL); a pair's response and
      // metadata are never empty strings, so nullif restores them exactly.
      await tx.orm.execute(sql`
        insert into pool_samples (pool_id, position, external_id, text, response, metadata)
        select ${pool.id}, u.position, u.external_id, u.text, nullif(u.response, ''), nullif(u.metadata, '')::jsonb
        from unnest(
          ${pgArray(chunk.map((_, i) => start + i), 'int')},
          ${pgArray(chunk.map((s) => s.externalId), 'text')},
          ${pgArray(chunk.map((s) => s.text), 'text')},
          ${pgArray(chunk.map((s) => s.response ?? ''), 'text')},
          ${pgArray(chunk.map((s) => (s.metadata ? JSON.stringify(s.metadata) : '')), 'text')}
        ) as u(position, external_id, text, response, metadata)`);
    }
    return (await getPoolsByIds(tx, [pool.id]))[0]!;
  });
}

/** Pools by id, in the order asked (unknown ids left out). */
export async function getPoolsByIds(db: AtlasDb, ids: readonly string[]): Promise<PoolRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm.select(poolColumns).from(dataPools).where(inArray(dataPools.id, [...new Set(ids)]));
  return inRequestOrder(ids, rows, (row) => row.id);
}

/** Pools by id: every one, or a keyset page (`after` an id, at most `limit`). */
export async function listPools(db: AtlasDb, page: { after?: string | null; limit?: number } = {}): Promise<PoolRow[]> {
  const query = db.orm
    .select(poolColumns)
    .from(dataPools)
    .where(page.after == null ? undefined : gt(dataPools.id, page.after))
    .orderBy(asc(dataPools.id));
  return page.limit === undefined ? query : query.limit(page.limit);
}

/** Deletes a pool with its samples, representations and selections; false when there was none. */
export async function deletePool(db: AtlasDb, id: string): Promise<boolean> {
  const deleted = await db.orm.delete(dataPools).where(eq(dataPools.id, id)).returning({ id: dataPools.id });
  return deleted.length > 0;
}

/** A pool's samples by position, after `afterPosition` (keyset pagination; null: from the start). */
export async function listPoolSamples(
  db: AtlasDb,
  args: { poolId: string; afterPosition: number | null; limit: number },
): Promise<PoolSampleRow[]> {
  const after = args.afterPosition === null ? undefined : gt(poolSamples.position, args.afterPosition);
  return db.orm
    .select(sampleColumns)
    .from(poolSamples)
    .where(and(eq(poolSamples.poolId, args.poolId), after))
    .orderBy(asc(poolSamples.position))
    .limit(args.limit);
}

/** Samples by id, in the order asked (unknown ids left out). */
export async function getPoolSamplesByIds(db: AtlasDb, ids: readonly number[]): Promise<PoolSampleRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm
    .select(sampleColumns)
    .from(poolSamples)
    .where(sql`${poolSamples.id} = any(${pgArray([...new Set(ids)], 'bigint')})`);
  return inRequestOrder(ids, rows, (row) => row.id);
}

const poolColumns = {
  id: dataPools.id,
  name: dataPools.name,
  description: dataPools.description,
  format: dataPools.format,
  source: dataPools.source,
  sampleCount: dataPools.sampleCount,
  characterCount: dataPools.characterCount,
  createdAt: dataPools.createdAt,
};

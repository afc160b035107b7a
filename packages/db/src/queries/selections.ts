import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { poolSamples, selectionFeatures, selectionItems, selections, type SelectionStatus } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { chunkRanges } from '../sql/bulk.ts';
import { inRequestOrder } from '../sql/request-order.ts';
import type { PoolSampleRow } from './pools.ts';

export type SelectionRow = {
  id: number;
  poolId: string;
  name: string;
  description: string | null;
  method: string;
  params: Record<string, unknown>;
  saeId: string | null;
  targetPoolId: string | null;
  targets: string[] | null;
  ratio: number | null;
  count: number | null;
  status: SelectionStatus;
  poolSize: number | null;
  selectedCount: number | null;
  stats: Record<string, unknown> | null;
  error: string | null;
  jobId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export type NewSelection = Pick<SelectionRow, 'poolId' | 'name' | 'method' | 'params' | 'saeId' | 'targetPoolId' | 'targets' | 'ratio' | 'count'> & {
  description?: string | null;
  createdBy?: number | null;
  /** The job running it: a retried attempt of the job gets the same row back (reset to `running`). */
  jobId?: string | null;
};

export type SelectionItemInput = {
  sampleId: number;
  score: number;
  /** SAE methods: the features driving the score and each one's contribution. */
  featureIndices?: readonly number[] | null;
  featureContributions?: readonly number[] | null;
};

export type SelectionItemRow = {
  rank: number;
  score: number;
  featureIndices: number[] | null;
  featureContributions: number[] | null;
  sample: PoolSampleRow;
};

const ITEM_CHUNK = 5_000;

/**
 * Records a selection as `running` (its items come with `completeSelection`); returns its id.
 * With a `jobId` that already has a selection (a retried attempt), that row is reset and reused.
 */
export async function createSelection(db: AtlasDb, selection: NewSelection): Promise<number> {
  const values = { ...selection, description: selection.description ?? null, createdBy: selection.createdBy ?? null, jobId: selection.jobId ?? null, status: 'running' as const };
  const insert = db.orm.insert(selections).values(values);
  const [row] = await (selection.jobId == null
    ? insert
    : insert.onConflictDoUpdate({
        target: selections.jobId,
        set: { status: 'running', error: null, finishedAt: null, poolSize: null, selectedCount: null, stats: null },
      })
  ).returning({ id: selections.id });
  return row!.id;
}

/** The selection a job runs, once the job has started it. */
export async function getSelectionByJobId(db: AtlasDb, jobId: string): Promise<SelectionRow | undefined> {
  const [row] = await db.orm.select().from(selections).where(eq(selections.jobId, jobId));
  return row ? toSelectionRow(row) : undefined;
}

/**
 * Stores the ranked items (rank 1 first) and the prototype's feature weights and marks the
 * selection complete, in one transaction: readers see no items or all of them.
 */
export async function completeSelection(
  db: AtlasDb,
  selectionId: number,
  result: {
    items: readonly SelectionItemInput[];
    features?: readonly { featureId: number; weight: number }[];
    poolSize: number;
    stats?: Record<string, unknown>;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.orm.delete(selectionItems).where(eq(selectionItems.selectionId, selectionId));
    await tx.orm.delete(selectionFeatures).where(eq(selectionFeatures.selectionId, selectionId));
    for (const [start, end] of chunkRanges(result.items.length, ITEM_CHUNK)) {
      const chunk = result.items.slice(start, end);
      // Driving features travel as '{1,2}' array literals in a text[] ('' = none).
      await tx.orm.execute(sql`
        insert into selection_items (selection_id, rank, sample_id, score, feature_indices, feature_contributions)
        select ${selectionId}, u.rank, u.sample_id, u.score, nullif(u.indices, '')::integer[], nullif(u.contributions, '')::real[]
        from unnest(${pgArray(chunk.map((_, i) => start + i + 1), 'int')}, ${pgArray(chunk.map((item) => item.sampleId), 'bigint')},
          ${pgArray(chunk.map((item) => item.score), 'real')},
          ${pgArray(chunk.map((item) => arrayLiteral(item.featureIndices)), 'text')},
          ${pgArray(chunk.map((item) => arrayLiteral(item.featureContributions)), 'text')})
          as u(rank, sample_id, score, indices, contributions)`);
    }
    if (result.features && result.features.length > 0) {
      await tx.orm.insert(selectionFeatures).values(result.features.map((f) => ({ selectionId, featureId: f.featureId, weight: f.weight })));
    }
    await tx.orm
      .update(selections)
      .set({ status: 'complete', poolSize: result.poolSize, selectedCount: result.items.length, stats: result.stats ?? null, finishedAt: new Date(), error: null })
      .where(eq(selections.id, selectionId));
  });
}

/** Marks a selection failed with the error's message (what a status query shows). */
export async function failSelection(db: AtlasDb, selectionId: number, error: string): Promise<void> {
  await db.orm.update(selections).set({ status: 'failed', error, finishedAt: new Date() }).where(eq(selections.id, selectionId));
}

/** Selections by id, in the order asked (unknown ids left out). */
export async function getSelectionsByIds(db: AtlasDb, ids: readonly number[]): Promise<SelectionRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm.select().from(selections).where(inArray(selections.id, [...new Set(ids)]));
  return inRequestOrder(ids, rows.map(toSelectionRow), (row) => row.id);
}

/** A pool's selections, newest first. */
export async function listSelections(db: AtlasDb, poolId: string): Promise<SelectionRow[]> {
  const rows = await db.orm.select().from(selections).where(eq(selections.poolId, poolId)).orderBy(sql`${selections.id} desc`);
  return rows.map(toSelectionRow);
}

/** A selection's items by rank after `afterRank` (keyset pagination; 0 or null from the top), each with its sample. */
export async function listSelectionItems(
  db: AtlasDb,
  args: { selectionId: number; afterRank: number | null; limit: number },
): Promise<SelectionItemRow[]> {
  const rows = await db.orm
    .select({
      rank: selectionItems.rank,
      score: selectionItems.score,
      featureIndices: selectionItems.featureIndices,
      featureContributions: selectionItems.featureContributions,
      id: poolSamples.id,
      position: poolSamples.position,
      externalId: poolSamples.externalId,
      text: poolSamples.text,
      response: poolSamples.response,
      metadata: poolSamples.metadata,
    })
    .from(selectionItems)
    .innerJoin(poolSamples, eq(poolSamples.id, selectionItems.sampleId))
    .where(and(eq(selectionItems.selectionId, args.selectionId), gt(selectionItems.rank, args.afterRank ?? 0)))
    .orderBy(asc(selectionItems.rank))
    .limit(args.limit);
  return rows.map(({ rank, score, featureIndices, featureContributions, ...sample }) => ({ rank, score, featureIndices, featureContributions, sample }));
}

function arrayLiteral(values: readonly number[] | null | undefined): string {
  return values && values.length > 0 ? `{${values.join(',')}}` : '';
}

function toSelectionRow(row: typeof selections.$inferSelect): SelectionRow {
  const { createdBy: _createdBy, ...rest } = row;
  return rest;
}

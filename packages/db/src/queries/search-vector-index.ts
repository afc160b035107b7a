import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { quoteLiteral } from '../sql/literal.ts';
import { queryRows } from '../sql/rows.ts';

/**
 * HNSW build settings of the search index. Default m 16 (pgvector's) and ef_construction 128
 * (pgvector's is 64): on 100k labelled features recall@10 reached 0.926 at ef_search 400 with 64
 * and 0.964 with 128, for a build 2.7× as long (docs/benchmarks.md, issue 11).
 */
export type HnswSettings = { m?: number; efConstruction?: number };

/**
 * The HNSW cosine index over one embedder's search vectors. `embedding` has no fixed dimension
 * (embedders differ) and HNSW needs one, so each embedder gets a partial expression index:
 *
 *   CREATE INDEX feature_search_hnsw_<hash> ON feature_search_documents
 *     USING hnsw ((embedding::halfvec(<d>)) halfvec_cosine_ops) WHERE embedder_id = '<id>'
 *
 * A query uses it only when it repeats the expression and the predicate with literals, as
 * `vectorSearchCandidates` does. Idempotent.
 */
export async function createSearchVectorIndex(db: AtlasDb, embedderId: string, dimensions: number, settings: HnswSettings = {}): Promise<string> {
  const name = searchVectorIndexName(embedderId);
  const m = settings.m ?? 16;
  const efConstruction = settings.efConstruction ?? 128;
  await db.orm.execute(
    sql.raw(
      `create index if not exists "${name}" on feature_search_documents ` +
        `using hnsw ((embedding::halfvec(${checkedDimensions(dimensions)})) halfvec_cosine_ops) with (m = ${int(m)}, ef_construction = ${int(efConstruction)}) ` +
        `where embedder_id = ${quoteLiteral(embedderId)}`,
    ),
  );
  return name;
}

/**
 * Refreshes the planner's statistics of the search documents after a bulk write. Without them
 * (PGlite runs no autovacuum) the planner takes the table for a few rows and sorts every vector
 * instead of walking the HNSW index: exact, but linear in the table.
 */
export async function analyzeSearchDocuments(db: AtlasDb): Promise<void> {
  await db.orm.execute(sql`analyze feature_search_documents`);
}

export async function dropSearchVectorIndex(db: AtlasDb, embedderId: string): Promise<void> {
  await db.orm.execute(sql.raw(`drop index if exists "${searchVectorIndexName(embedderId)}"`));
}

export async function hasSearchVectorIndex(db: AtlasDb, embedderId: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(db, sql`select to_regclass(${searchVectorIndexName(embedderId)}) is not null as found`);
  return rows[0]?.found === true;
}

export function searchVectorIndexName(embedderId: string): string {
  return `feature_search_hnsw_${createHash('sha256').update(embedderId).digest('hex').slice(0, 16)}`;
}

export function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4000) {
    throw new RangeError(`HNSW on halfvec needs 1..4000 dimensions, got ${dimensions}`);
  }
  return dimensions;
}

function int(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`expected a positive integer, got ${value}`);
  return value;
}

import { sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { formatVector } from '../schema/columns.ts';
import type { LabelSource } from '../schema/labels.ts';
import type { SearchDocumentPart } from '../schema/search.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { quoteLiteral } from '../sql/literal.ts';
import { checkedDimensions } from './search-vector-index.ts';

/** The complete SAEs a search may return features of, with what filters match on. */
export type SearchableSae = { id: string; modelId: string; hookName: string };

export async function listSearchableSaes(db: AtlasDb): Promise<SearchableSae[]> {
  const rows = await queryRows<{ id: string; model_id: string; hook_name: string }>(
    db,
    sql`select id, model_id, hook_name from saes where status = 'complete' order by id`,
  );
  return rows.map((row) => ({ id: row.id, modelId: row.model_id, hookName: row.hook_name }));
}

/** Where a search looks: SAE ids (already resolved from model / hook / SAE filters) and document filters. */
export type SearchScope = {
  saeIds: readonly string[];
  labelSources?: readonly LabelSource[];
  densityMin?: number;
  densityMax?: number;
};

function scopeSql(scope: SearchScope): SQL {
  const parts: SQL[] = [sql`d.sae_id = any(${pgArray(scope.saeIds, 'text')})`];
  if (scope.labelSources?.length) parts.push(sql`d.label_sources && ${pgArray(scope.labelSources, 'text')}`);
  if (scope.densityMin !== undefined) parts.push(sql`d.density >= ${scope.densityMin}`);
  if (scope.densityMax !== undefined) parts.push(sql`d.density <= ${scope.densityMax}`);
  return sql.join(parts, sql` and `);
}

/**
 * Full-text query terms, each a phrase of plain words: `terms` are the user's, `expansions` the
 * WordNet neighbours (ranked at half weight). Each phrase goes through `phraseto_tsquery` as a
 * bound parameter, so nothing in it is read as tsquery or SQL syntax; phrases are OR-ed.
 */
export type FullTextTerms = { terms: readonly string[]; expansions: readonly string[] };

function orQuery(phrases: readonly string[]): SQL | null {
  if (phrases.length === 0) return null;
  return sql.join(phrases.map((phrase) => sql`phraseto_tsquery('english', ${phrase})`), sql` || `);
}

/** The tsquery of all terms (for matching and headlines); null when there are none. */
export function fullTextQuery(text: FullTextTerms): SQL | null {
  return orQuery([...text.terms, ...text.expansions]);
}

export type RankedFeature = { featureId: number; score: number };

/**
 * ts_rank weights {D, C, B, A}: labels (A) count fully, the words a feature peaks on (B) half,
 * the words around its peaks (C) little, since they are about the context, not the feature.
 * Against Postgres' default {0.1, 0.2, 0.4, 1} this raised full-text recall@10 on the
 * evaluation set from 0.14 to 0.20 and hybrid from 0.19 to 0.25 (packages/search/README.md).
 */
const RANK_WEIGHTS = sql.raw(`'{0, 0.05, 0.5, 1}'::real[]`);

/**
 * Documents matching any term, best first: ts_rank (weighted by part, normalised by document
 * length) against the user's terms plus half of it against the expansions; ties by feature id. `after` continues a
 * keyset page.
 */
export async function fullTextSearchCandidates(
  db: AtlasDb,
  args: { text: FullTextTerms; scope: SearchScope; limit: number; after?: RankedFeature },
): Promise<RankedFeature[]> {
  const all = fullTextQuery(args.text);
  if (all === null) return [];
  const own = orQuery(args.text.terms);
  const expanded = orQuery(args.text.expansions);
  const rank = sql.join(
    [
      own ? sql`ts_rank(${RANK_WEIGHTS}, d.search, ${own}, 1)` : null,
      expanded ? sql`0.5::real * ts_rank(${RANK_WEIGHTS}, d.search, ${expanded}, 1)` : null,
    ].filter((part) => part !== null),
    sql` + `,
  );
  const after = args.after
    ? sql`where r.rank < ${args.after.score}::real or (r.rank = ${args.after.score}::real and r.feature_id > ${args.after.featureId})`
    : sql``;
  const rows = await queryRows<{ feature_id: number | string; rank: number }>(
    db,
    sql`select r.feature_id, r.rank from (
          select d.feature_id, (${rank})::real as rank
          from feature_search_documents d
          where d.search @@ (${all}) and ${scopeSql(args.scope)}
        ) r ${after}
        order by r.rank desc, r.feature_id
        limit ${args.limit}`,
  );
  return rows.map((row) => ({ featureId: Number(row.feature_id), score: Number(row.rank) }));
}

export type VectorSearchOptions = {
  embedderId: string;
  vector: ArrayLike<number>;
  scope: SearchScope;
  limit: number;
  /** HNSW candidate list size (pgvector's hnsw.ef_search); at least `limit`. */
  efSearch: number;
  /** Exact scan instead of the index (for measuring the index's recall). */
  exact?: boolean;
};

const iterativeScan = new WeakMap<AtlasDb, Promise<boolean>>();

/** pgvector ≥ 0.8 keeps scanning the HNSW graph until enough rows pass the filters (`hnsw.iterative_scan`). */
function supportsIterativeScan(db: AtlasDb): Promise<boolean> {
  let known = iterativeScan.get(db);
  if (!known) {
    known = queryRows<{ version: string }>(db, sql`select extversion as version from pg_extension where extname = 'vector'`).then((rows) => {
      const [major = 0, minor = 0] = (rows[0]?.version ?? '0.0').split('.').map(Number);
      return major > 0 || minor >= 8;
    });
    iterativeScan.set(db, known);
  }
  return known;
}

/**
 * Nearest documents by cosine through the embedder's HNSW index (`createSearchVectorIndex`),
 * filters applied inside the scan (iterative scan where pgvector has it); score = cosine.
 */
export async function vectorSearchCandidates(db: AtlasDb, args: VectorSearchOptions): Promise<RankedFeature[]> {
  const rows = await inVectorSearch(db, args, (tx) => queryRows<{ feature_id: number | string; distance: number }>(
    tx,
    sql`select v.feature_id, v.distance from (${vectorSearchSql(args)}) v order by v.distance, v.feature_id`,
  ));
  return rows.map((row) => ({ featureId: Number(row.feature_id), score: 1 - Number(row.distance) }));
}

/** The plan Postgres chooses for `vectorSearchCandidates` (to check that it walks the HNSW index). */
export async function explainVectorSearch(db: AtlasDb, args: VectorSearchOptions): Promise<string> {
  const rows = await inVectorSearch(db, args, (tx) => queryRows<Record<string, string>>(tx, sql`explain ${vectorSearchSql(args)}`));
  return rows.map((row) => Object.values(row)[0]).join('\n');
}

async function inVectorSearch<T>(db: AtlasDb, args: VectorSearchOptions, run: (tx: AtlasDb) => Promise<T>): Promise<T> {
  const iterative = await supportsIterativeScan(db);
  return db.transaction(async (tx) => {
    if (args.exact) await tx.orm.execute(sql`set local enable_indexscan = off`);
    await tx.orm.execute(sql.raw(`set local hnsw.ef_search = ${Math.max(args.limit, Math.min(1000, Math.floor(args.efSearch)))}`));
    if (iterative) await tx.orm.execute(sql`set local hnsw.iterative_scan = relaxed_order`);
    return run(tx);
  });
}

/** The index only serves a query that repeats its expression and its predicate as literals. */
function vectorSearchSql(args: VectorSearchOptions): SQL {
  const dimensions = checkedDimensions(args.vector.length);
  const query = sql`${formatVector(args.vector)}${sql.raw(`::halfvec(${dimensions})`)}`;
  const column = sql.raw(`(d.embedding::halfvec(${dimensions}))`);
  return sql`select d.feature_id, ${column} <=> ${query} as distance
             from feature_search_documents d
             where d.embedder_id = ${sql.raw(quoteLiteral(args.embedderId))} and d.embedding is not null and ${scopeSql(args.scope)}
             order by ${column} <=> ${query}
             limit ${args.limit}`;
}

/** A result's best-matching document part, with the matched words marked. */
export type SearchMatch = {
  featureId: number;
  part: SearchDocumentPart;
  /** The part's text (or the fragments of it that matched, joined by " … "). */
  text: string;
  /** [start, end) character ranges of `text` that matched the query; empty when only the vector matched. */
  highlights: [number, number][];
};

const START = '\u0001';
const STOP = '\u0002';

/**
 * For each feature, the first document part the query matches (labels come first, then peak
 * words, then contexts), or the first label when none does, as a headline with its matched
 * words as ranges. One query for the whole page.
 */
export async function getSearchMatches(db: AtlasDb, featureIds: readonly number[], text: FullTextTerms): Promise<Map<number, SearchMatch>> {
  if (featureIds.length === 0) return new Map();
  const query = fullTextQuery(text) ?? sql`''::tsquery`;
  // Labels and peak summaries are short: shown whole. Contexts are long: up to two fragments around the matches.
  const whole = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
  const fragments = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
  const rows = await queryRows<{ feature_id: number | string; part: SearchDocumentPart; matched: boolean; headline: string }>(
    db,
    sql`select d.feature_id, p.part, p.matched,
               ts_headline('english', p.part->>'text', q.q, case when p.part->>'kind' = 'contexts' then ${fragments} else ${whole} end) as headline
        from feature_search_documents d
        cross join (select ${query} as q) q
        cross join lateral (
          select e.part, to_tsvector('english', e.part->>'text') @@ q.q as matched
          from jsonb_array_elements(d.parts) with ordinality as e(part, ord)
          order by 2 desc, e.ord
          limit 1
        ) p
        where d.feature_id = any(${pgArray(featureIds, 'bigint')})`,
  );
  return new Map(rows.map((row) => {
    const featureId = Number(row.feature_id);
    const { text, highlights } = parseHeadline(row.headline);
    // A part that does not match the whole query (a phrase's words apart) shows no highlights.
    return [featureId, { featureId, part: row.part, text, highlights: row.matched ? highlights : [] }];
  }));
}

function parseHeadline(headline: string): { text: string; highlights: [number, number][] } {
  let text = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const char of headline) {
    if (char === START) start = text.length;
    else if (char === STOP) {
      if (start >= 0) highlights.push([start, text.length]);
      start = -1;
    } else text += char;
  }
  return { text, highlights };
}

/** Whether any document has a vector by this embedder (else the index was built with another). */
export async function hasSearchVectors(db: AtlasDb, embedderId: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from feature_search_documents where embedder_id = ${embedderId} and embedding is not null) as found`,
  );
  return rows[0]?.found === true;
}

import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { IngestInputError } from '../errors.ts';
import type { AtlasDb } from '../orm.ts';
import { comparisonRuns, featureDecoders, features, saes } from '../schema/index.ts';
import { formatReal, pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

/** A stored comparison (issue 12): one SAE's features matched to another's by one method. */
export type ComparisonRunRow = {
  id: number;
  saeA: string;
  saeB: string;
  method: string;
  params: Record<string, unknown>;
  /** `ComparisonSummary.figures` of @atlas/compare: name, value, description, null, pValue. */
  figures: unknown[];
  approximate: boolean;
  jobId: string | null;
  matchCount: number;
  createdAt: Date;
  finishedAt: Date | null;
};

/** One match edge, with both features' ids and indices. */
export type FeatureMatchRow = {
  runId: number;
  method: string;
  saeA: string;
  saeB: string;
  featureIdA: number;
  indexA: number;
  featureIdB: number;
  indexB: number;
  score: number;
  mutual: boolean;
  assigned: boolean;
  /** Families runs: P(parent A fires | child B fires); null for other methods. */
  containment: number | null;
  /** Families runs: tokens where both fire; null for other methods. */
  coFiring: number | null;
};

export type NewComparison = {
  jobId: string;
  saeA: string;
  saeB: string;
  method: string;
  params: Record<string, unknown>;
  figures: unknown[];
  approximate: boolean;
  /** Edges by feature index; sorted by featureA, then best first (rank = order within featureA). */
  matches: readonly { featureA: number; featureB: number; score: number; mutual: boolean; assigned: boolean; containment?: number; coFiring?: number }[];
};

const MATCH_ROWS_PER_STATEMENT = 20_000;

/**
 * Stores a finished comparison in one transaction: a run an earlier attempt of the same job left
 * is replaced, so a retried job writes its rows once. Returns the run id.
 */
export async function saveComparison(db: AtlasDb, run: NewComparison): Promise<number> {
  const ids = await featureIdsByIndex(db, [run.saeA, run.saeB]);
  const idOf = (sae: string, index: number) => {
    const id = ids.get(sae)?.[index];
    if (id === undefined) throw new IngestInputError(`${sae} has no feature ${index}; the comparison was made from other weights than the stored SAE.`);
    return id;
  };
  return db.transaction(async (tx) => {
    await tx.orm.delete(comparisonRuns).where(eq(comparisonRuns.jobId, run.jobId));
    const [row] = await tx.orm
      .insert(comparisonRuns)
      .values({
        sourceSaeId: run.saeA, targetSaeId: run.saeB, method: run.method, params: run.params, figures: run.figures,
        approximate: run.approximate, jobId: run.jobId, status: 'complete', finishedAt: new Date(),
      })
      .returning({ id: comparisonRuns.id });
    const runId = row!.id;
    const ranks = withinFeatureRanks(run.matches);
    for (let start = 0; start < run.matches.length; start += MATCH_ROWS_PER_STATEMENT) {
      const chunk = run.matches.slice(start, start + MATCH_ROWS_PER_STATEMENT);
      await tx.orm.execute(sql`
        insert into feature_matches (run_id, source_feature_id, rank, target_feature_id, score, mutual, assigned, containment, co_firing)
        select ${runId}, a, r, b, s, m, g, nullif(c, '')::real, nullif(f, '')::integer
        from unnest(${pgArray(chunk.map((e) => idOf(run.saeA, e.featureA)), 'bigint')}, ${pgArray(ranks.subarray(start, start + chunk.length), 'smallint')},
                    ${pgArray(chunk.map((e) => idOf(run.saeB, e.featureB)), 'bigint')}, ${pgArray(chunk.map((e) => e.score), 'real')},
                    ${pgArray(chunk.map((e) => (e.mutual ? 'true' : 'false')), 'text')}::boolean[],
                    ${pgArray(chunk.map((e) => (e.assigned ? 'true' : 'false')), 'text')}::boolean[],
                    ${pgArray(chunk.map((e) => optionalNumber(e.containment)), 'text')},
                    ${pgArray(chunk.map((e) => optionalNumber(e.coFiring)), 'text')}) as t(a, r, b, s, m, g, c, f)`);
    }
    return runId;
  });
}

/** Families' extra columns travel as text ('' = null: other methods leave them out). */
function optionalNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) throw new IngestInputError(`not a finite number: ${value} in a match edge; the atlas stores finite numbers only`);
  return formatReal(value);
}

/** Each edge's rank among its featureA's edges (0 = first); featureA may repeat anywhere. */
function withinFeatureRanks(matches: NewComparison['matches']): Int32Array {
  const seen = new Map<number, number>();
  const ranks = new Int32Array(matches.length);
  matches.forEach((edge, i) => {
    const rank = seen.get(edge.featureA) ?? 0;
    ranks[i] = rank;
    seen.set(edge.featureA, rank + 1);
  });
  return ranks;
}

async function featureIdsByIndex(db: AtlasDb, saeIds: readonly string[]): Promise<Map<string, number[]>> {
  const rows = await db.orm
    .select({ saeId: features.saeId, index: features.index, id: features.id })
    .from(features)
    .where(inArray(features.saeId, [...new Set(saeIds)]));
  const out = new Map<string, number[]>();
  for (const row of rows) {
    let ids = out.get(row.saeId);
    if (!ids) out.set(row.saeId, (ids = []));
    ids[row.index] = row.id;
  }
  return out;
}

const runColumns = {
  id: comparisonRuns.id,
  saeA: comparisonRuns.sourceSaeId,
  saeB: comparisonRuns.targetSaeId,
  method: comparisonRuns.method,
  params: comparisonRuns.params,
  figures: comparisonRuns.figures,
  approximate: comparisonRuns.approximate,
  jobId: comparisonRuns.jobId,
  matchCount: sql<number>`(select count(*)::int from feature_matches m where m.run_id = ${comparisonRuns.id})`,
  createdAt: comparisonRuns.createdAt,
  finishedAt: comparisonRuns.finishedAt,
};

/** The latest complete comparison of A with B by a method (null when none was run). */
export async function findComparison(db: AtlasDb, pair: { saeA: string; saeB: string; method: string }): Promise<ComparisonRunRow | null> {
  const [row] = await db.orm
    .select(runColumns)
    .from(comparisonRuns)
    .where(and(eq(comparisonRuns.sourceSaeId, pair.saeA), eq(comparisonRuns.targetSaeId, pair.saeB), eq(comparisonRuns.method, pair.method), eq(comparisonRuns.status, 'complete')))
    .orderBy(desc(comparisonRuns.id))
    .limit(1);
  return row ?? null;
}

/** Complete comparisons by id, in the order asked (missing ones left out). */
export async function getComparisonsByIds(db: AtlasDb, ids: readonly number[]): Promise<ComparisonRunRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm.select(runColumns).from(comparisonRuns).where(and(inArray(comparisonRuns.id, [...new Set(ids)]), eq(comparisonRuns.status, 'complete')));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The comparison a job stored (null until it succeeded). */
export async function getComparisonByJob(db: AtlasDb, jobId: string): Promise<ComparisonRunRow | null> {
  const [row] = await db.orm.select(runColumns).from(comparisonRuns).where(and(eq(comparisonRuns.jobId, jobId), eq(comparisonRuns.status, 'complete')));
  return row ?? null;
}

/** The latest complete comparisons, newest first; optionally those with an SAE on either side. */
export async function listComparisons(db: AtlasDb, options: { saeId?: string; limit: number }): Promise<ComparisonRunRow[]> {
  const where = options.saeId === undefined
    ? eq(comparisonRuns.status, 'complete')
    : and(eq(comparisonRuns.status, 'complete'), or(eq(comparisonRuns.sourceSaeId, options.saeId), eq(comparisonRuns.targetSaeId, options.saeId)));
  return db.orm.select(runColumns).from(comparisonRuns).where(where).orderBy(desc(comparisonRuns.id)).limit(options.limit);
}

const matchSelect = sql`m.run_id as "runId", r.method, r.source_sae_id as "saeA", r.target_sae_id as "saeB", m.source_feature_id as "featureIdA", fa.index as "indexA",
  m.target_feature_id as "featureIdB", fb.index as "indexB", m.score, m.mutual, m.assigned, m.containment, m.co_firing as "coFiring"`;

/** A page of a comparison's edges, best score first (`offset` from the page cursor). */
export async function getComparisonMatches(
  db: AtlasDb, runId: number, page: { limit: number; offset: number; assignedOnly?: boolean },
): Promise<{ rows: FeatureMatchRow[]; totalCount: number }> {
  const filter = page.assignedOnly ? sql`and m.assigned` : sql``;
  const [rows, [count]] = await Promise.all([
    queryRows<FeatureMatchRow>(db, sql`
      select ${matchSelect}
      from feature_matches m join comparison_runs r on r.id = m.run_id
        join features fa on fa.id = m.source_feature_id join features fb on fb.id = m.target_feature_id
      where m.run_id = ${runId} ${filter}
      order by m.score desc, m.source_feature_id, m.rank
      limit ${page.limit} offset ${page.offset}`),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from feature_matches m where m.run_id = ${runId} ${filter}`),
  ]);
  return { rows: rows.map(numericMatch), totalCount: count?.n ?? 0 };
}

/**
 * A feature's edges in complete comparisons by a method, on either side, best score first: "the
 * same feature elsewhere".
 */
export async function getFeatureMatches(
  db: AtlasDb, featureId: number, page: { method: string; limit: number; offset: number },
): Promise<{ rows: FeatureMatchRow[]; totalCount: number }> {
  const from = sql`
    from feature_matches m join comparison_runs r on r.id = m.run_id
      join features fa on fa.id = m.source_feature_id join features fb on fb.id = m.target_feature_id
    where (m.source_feature_id = ${featureId} or m.target_feature_id = ${featureId})
      and r.method = ${page.method} and r.status = 'complete'`;
  const [rows, [count]] = await Promise.all([
    queryRows<FeatureMatchRow>(db, sql`select ${matchSelect} ${from} order by m.score desc, m.run_id desc, m.rank limit ${page.limit} offset ${page.offset}`),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`),
  ]);
  return { rows: rows.map(numericMatch), totalCount: count?.n ?? 0 };
}

/**
 * Family edges of many features at once (the API's per-request loader): every edge of the latest
 * complete families run of each SAE pair with one of the features as parent (A) or child (B),
 * best cosine first. An older run of the same pair is left out, so a rerun does not list twice.
 */
export async function getFamilyEdges(db: AtlasDb, featureIds: readonly number[]): Promise<FeatureMatchRow[]> {
  if (featureIds.length === 0) return [];
  const ids = pgArray([...new Set(featureIds)], 'bigint');
  const rows = await queryRows<FeatureMatchRow>(db, sql`
    select ${matchSelect}
    from feature_matches m join comparison_runs r on r.id = m.run_id
      join features fa on fa.id = m.source_feature_id join features fb on fb.id = m.target_feature_id
    where (m.source_feature_id = any(${ids}) or m.target_feature_id = any(${ids}))
      and r.method = 'families' and r.status = 'complete'
      and r.id = (select max(l.id) from comparison_runs l
                  where l.source_sae_id = r.source_sae_id and l.target_sae_id = r.target_sae_id and l.method = 'families' and l.status = 'complete')
    order by m.score desc, m.run_id desc, m.rank`);
  return rows.map(numericMatch);
}

/** Counts of a comparison's edge scores in `bins` equal bins over [lower, upper]. */
export async function getComparisonScoreHistogram(
  db: AtlasDb, runId: number, options: { bins: number; lower: number; upper: number; assignedOnly?: boolean },
): Promise<number[]> {
  const filter = options.assignedOnly ? sql`and assigned` : sql``;
  const rows = await queryRows<{ bin: number; n: number }>(db, sql`
    select least(width_bucket(score, ${options.lower}::real, ${options.upper}::real, ${options.bins}), ${options.bins}) as bin, count(*)::int as n
    from feature_matches where run_id = ${runId} ${filter} group by 1`);
  const counts = new Array<number>(options.bins).fill(0);
  for (const row of rows) counts[Math.max(1, Number(row.bin)) - 1]! += Number(row.n);
  return counts;
}

function numericMatch(row: FeatureMatchRow): FeatureMatchRow {
  return {
    runId: Number(row.runId), method: row.method, saeA: row.saeA, saeB: row.saeB, featureIdA: Number(row.featureIdA), indexA: Number(row.indexA),
    featureIdB: Number(row.featureIdB), indexB: Number(row.indexB), score: Number(row.score), mutual: row.mutual, assigned: row.assigned,
    containment: row.containment === null ? null : Number(row.containment), coFiring: row.coFiring === null ? null : Number(row.coFiring),
  };
}

/** An SAE's decoder rows from the database (halfvec precision), row-major [width, d_in]. */
export async function getSaeDecoderMatrix(db: AtlasDb, saeId: string): Promise<{ width: number; dIn: number; W_dec: Float32Array } | null> {
  const [sae] = await db.orm.select({ width: saes.width, dIn: saes.dIn }).from(saes).where(and(eq(saes.id, saeId), eq(saes.status, 'complete')));
  if (!sae) return null;
  const rows = await db.orm
    .select({ index: features.index, decoder: featureDecoders.decoder })
    .from(featureDecoders)
    .innerJoin(features, eq(features.id, featureDecoders.featureId))
    .where(eq(featureDecoders.saeId, saeId))
    .orderBy(asc(features.index));
  const W_dec = new Float32Array(sae.width * sae.dIn);
  for (const row of rows) W_dec.set(row.decoder, row.index * sae.dIn);
  return { width: sae.width, dIn: sae.dIn, W_dec };
}

/** Records where an SAE's weights folder is (the build calls it), so comparisons can encode with it. */
export async function setSaeWeightsPath(db: AtlasDb, saeId: string, weightsPath: string): Promise<void> {
  await db.orm.update(saes).set({ weightsPath }).where(eq(saes.id, saeId));
}

/** `saes.weights_path` by SAE id (null when the build recorded none). */
export async function getSaeWeightsPaths(db: AtlasDb, saeIds: readonly string[]): Promise<Map<string, string | null>> {
  if (saeIds.length === 0) return new Map();
  const rows = await db.orm.select({ id: saes.id, weightsPath: saes.weightsPath }).from(saes).where(inArray(saes.id, [...new Set(saeIds)]));
  return new Map(rows.map((row) => [row.id, row.weightsPath]));
}

/** An SAE's atoms metrics (see `saes.r2` …); `maxUniqueSupport` null when unbounded (μ = 0). */
export type SaeAtomsRow = { r2: number; coherence: number; aip: number; uniqueShare: number; maxUniqueSupport: number | null };

/** Stores the atoms metrics the build computed. */
export async function setSaeAtoms(db: AtlasDb, saeId: string, atoms: SaeAtomsRow): Promise<void> {
  await db.orm.update(saes).set(atoms).where(eq(saes.id, saeId));
}

/** Atoms metrics by SAE id (SAEs without them are left out). */
export async function getSaeAtoms(db: AtlasDb, saeIds: readonly string[]): Promise<Map<string, SaeAtomsRow>> {
  if (saeIds.length === 0) return new Map();
  const rows = await db.orm
    .select({ id: saes.id, r2: saes.r2, coherence: saes.coherence, aip: saes.aip, uniqueShare: saes.uniqueShare, maxUniqueSupport: saes.maxUniqueSupport })
    .from(saes)
    .where(inArray(saes.id, [...new Set(saeIds)]));
  const out = new Map<string, SaeAtomsRow>();
  for (const { id, r2, coherence, aip, uniqueShare, maxUniqueSupport } of rows) {
    if (r2 === null || coherence === null || aip === null || uniqueShare === null) continue;
    out.set(id, { r2, coherence, aip, uniqueShare, maxUniqueSupport });
  }
  return out;
}

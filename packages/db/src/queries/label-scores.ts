import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import type { LabelSource } from '../schema/labels.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

export type { LabelSource } from '../schema/labels.ts';

/** A label version waiting for a score: the newest version of a label on a feature of the SAE. */
export type LabelVersionToScore = {
  labelVersionId: number;
  labelId: number;
  featureId: number;
  featureIndex: number;
  text: string;
  source: LabelSource;
  method: string | null;
};

/**
 * One page (by label version id, after `afterVersionId`) of the SAE's labels, newest version of
 * each, hidden ones included (a curator may want the score), that have no score yet from this
 * scorer version: what makes `atlas score-labels` resumable.
 */
export async function listLabelVersionsToScore(
  db: AtlasDb,
  args: { saeId: string; scorer: string; scorerVersion: string; afterVersionId: number; limit: number; featureIndex?: number },
): Promise<LabelVersionToScore[]> {
  const feature = args.featureIndex === undefined ? sql`` : sql`and l.feature_index = ${args.featureIndex}`;
  const rows = await queryRows<{
    version_id: number | string; label_id: number | string; feature_id: number | string; feature_index: number;
    text: string; source: LabelSource; method: string | null;
  }>(
    db,
    sql`select v.id as version_id, l.id as label_id, f.id as feature_id, l.feature_index, v.text, v.source, v.method
        from labels l
        join features f on f.sae_id = l.sae_id and f.index = l.feature_index
        join lateral (select id, text, source, method from label_versions where label_id = l.id order by version desc limit 1) v on true
        where l.sae_id = ${args.saeId} and v.id > ${args.afterVersionId} ${feature}
          and not exists (select 1 from label_scores s
                          where s.label_version_id = v.id and s.scorer = ${args.scorer} and s.scorer_version = ${args.scorerVersion})
        order by v.id
        limit ${args.limit}`,
  );
  return rows.map((row) => ({
    labelVersionId: Number(row.version_id), labelId: Number(row.label_id), featureId: Number(row.feature_id),
    featureIndex: row.feature_index, text: row.text, source: row.source, method: row.method,
  }));
}

/** How many of the SAE's labels (newest versions) have, and lack, a score from this scorer version. */
export async function countLabelScoreProgress(
  db: AtlasDb, args: { saeId: string; scorer: string; scorerVersion: string },
): Promise<{ labels: number; scored: number }> {
  const [row] = await queryRows<{ labels: number | string; scored: number | string }>(
    db,
    sql`select count(*) as labels, count(s.label_version_id) as scored
        from labels l
        join features f on f.sae_id = l.sae_id and f.index = l.feature_index
        join lateral (select id from label_versions where label_id = l.id order by version desc limit 1) v on true
        left join label_scores s on s.label_version_id = v.id and s.scorer = ${args.scorer} and s.scorer_version = ${args.scorerVersion}
        where l.sae_id = ${args.saeId}`,
  );
  return { labels: Number(row?.labels ?? 0), scored: Number(row?.scored ?? 0) };
}

/** One stored context window of a feature: the tokens and, for activating ones, where it fires. */
export type ScoringContext = {
  contextId: number;
  tokens: string[];
  /** Positions (into `tokens`) with a non-zero activation of the feature; empty for non-activating contexts. */
  firing: number[];
  /** Position of the strongest activation (activating), or a sampled position (non-activating). */
  peak: number;
};

/** A feature's stored examples: the activating contexts of kind `quantile` and `top` (with rank), sparse activations included. */
export type FeatureExampleContexts = {
  featureId: number;
  examples: (ScoringContext & { kind: 'top' | 'quantile'; rank: number })[];
};

/** The stored examples of these features with their non-zero activation positions, in one query. */
export async function getFeatureExampleContexts(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, FeatureExampleContexts>> {
  const result = new Map<number, FeatureExampleContexts>();
  if (featureIds.length === 0) return result;
  const rows = await queryRows<{
    feature_id: number | string; context_id: number | string; kind: 'top' | 'quantile'; rank: number;
    max_position: number; tokens: string[]; firing: number[] | null;
  }>(
    db,
    sql`select e.feature_id, e.context_id, e.kind, e.rank, e.max_position, c.tokens,
               (select array_agg(a.position order by a.position) from activations a
                where a.feature_id = e.feature_id and a.context_id = e.context_id and a.value > 0) as firing
        from feature_examples e join contexts c on c.id = e.context_id
        where e.feature_id = any(${pgArray(featureIds, 'bigint')})
        order by e.feature_id, e.kind, e.rank`,
  );
  for (const row of rows) {
    const featureId = Number(row.feature_id);
    let entry = result.get(featureId);
    if (!entry) result.set(featureId, (entry = { featureId, examples: [] }));
    entry.examples.push({
      contextId: Number(row.context_id), tokens: row.tokens, kind: row.kind, rank: row.rank, peak: row.max_position,
      firing: row.firing && row.firing.length > 0 ? row.firing : [row.max_position],
    });
  }
  return result;
}

/**
 * The pool non-activating contexts are drawn from: every context stored as an example of any
 * feature of the SAE (ids and tokens), at most `limit`, by id. A feature's own examples are
 * removed from it by the caller.
 */
export async function getSaeContextPool(db: AtlasDb, saeId: string, limit: number): Promise<{ contextId: number; tokens: string[] }[]> {
  const rows = await queryRows<{ id: number | string; tokens: string[] }>(
    db,
    sql`select c.id, c.tokens from contexts c
        where c.id in (select e.context_id from feature_examples e join features f on f.id = e.feature_id where f.sae_id = ${saeId})
        order by c.id
        limit ${limit}`,
  );
  return rows.map((row) => ({ contextId: Number(row.id), tokens: row.tokens }));
}

export type LabelScoreInput = {
  labelVersionId: number;
  scorer: string;
  scorerVersion: string;
  score: number;
  nPos: number;
  nNeg: number;
};

/** Stores scores; a row for the same label version, scorer and scorer version is replaced (one statement, one transaction). */
export async function upsertLabelScores(db: AtlasDb, scores: readonly LabelScoreInput[]): Promise<void> {
  if (scores.length === 0) return;
  const rows = scores.map((s) => ({
    label_version_id: s.labelVersionId, scorer: s.scorer, scorer_version: s.scorerVersion, score: s.score, n_pos: s.nPos, n_neg: s.nNeg,
  }));
  await db.orm.execute(
    sql`insert into label_scores (label_version_id, scorer, scorer_version, score, n_pos, n_neg)
        select label_version_id, scorer, scorer_version, score, n_pos, n_neg
        from json_to_recordset(${JSON.stringify(rows)}::json)
          as r(label_version_id bigint, scorer text, scorer_version text, score real, n_pos int, n_neg int)
        on conflict (label_version_id, scorer, scorer_version)
        do update set score = excluded.score, n_pos = excluded.n_pos, n_neg = excluded.n_neg, created_at = now()`,
  );
}

export type LabelScoreRow = { labelId: number; labelVersionId: number; scorer: string; scorerVersion: string; score: number; nPos: number; nNeg: number; createdAt: Date };

/** The scores of the newest version of each label (every scorer and version), keyed by label id. */
export async function getScoresOfLabels(db: AtlasDb, labelIds: readonly number[]): Promise<Map<number, LabelScoreRow[]>> {
  const result = new Map<number, LabelScoreRow[]>(labelIds.map((id) => [id, []]));
  if (labelIds.length === 0) return result;
  const rows = await queryRows<{
    label_id: number | string; label_version_id: number | string; scorer: string; scorer_version: string;
    score: number; n_pos: number; n_neg: number; created_at: Date | string;
  }>(
    db,
    sql`select v.label_id, s.label_version_id, s.scorer, s.scorer_version, s.score, s.n_pos, s.n_neg, s.created_at
        from unnest(${pgArray(labelIds, 'bigint')}) as k(label_id)
        join lateral (select id, label_id from label_versions where label_id = k.label_id order by version desc limit 1) v on true
        join label_scores s on s.label_version_id = v.id
        order by v.label_id, s.scorer, s.scorer_version desc`,
  );
  for (const row of rows) {
    result.get(Number(row.label_id))?.push({
      labelId: Number(row.label_id), labelVersionId: Number(row.label_version_id), scorer: row.scorer, scorerVersion: row.scorer_version,
      score: row.score, nPos: row.n_pos, nNeg: row.n_neg, createdAt: new Date(row.created_at),
    });
  }
  return result;
}

/** Removes one scorer's scores (every version) of an SAE's labels, so they are measured again; returns how many. */
export async function deleteLabelScores(db: AtlasDb, args: { saeId: string; scorer: string }): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`with gone as (
          delete from label_scores where scorer = ${args.scorer} and label_version_id in (
            select v.id from label_versions v join labels l on l.id = v.label_id where l.sae_id = ${args.saeId})
          returning 1)
        select count(*) as n from gone`,
  );
  return Number(rows[0]?.n ?? 0);
}

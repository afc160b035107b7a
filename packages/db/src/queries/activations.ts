import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';

export type ActivationExampleRow = {
  featureId: number;
  /** From 0, strongest first. */
  rank: number;
  maxValue: number;
  maxPosition: number;
  tokens: string[];
  /** Dense, one per token, 0 where the feature did not fire. */
  values: number[];
  corpusName: string;
};

type ExampleQueryRow = {
  feature_id: number | string;
  rank: number;
  max_value: number;
  max_position: number;
  tokens: string[];
  corpus_name: string;
  positions: number[] | null;
  vals: number[] | null;
};

/*
 * Tokens, positions and values come back as JSON, not Postgres arrays: both drivers parse JSON with
 * JSON.parse, while a text[] of 64 tokens went through a JavaScript array parser (~1 ms of the API's
 * CPU per feature page).
 */

/**
 * The first `limitPerFeature` top examples of each feature (rank ascending), with the context's
 * tokens and per-token values rebuilt from the sparse `activations` rows. One query for all ids.
 */
export async function getTopActivations(
  db: AtlasDb,
  featureIds: readonly number[],
  limitPerFeature: number,
): Promise<Map<number, ActivationExampleRow[]>> {
  const result = new Map<number, ActivationExampleRow[]>();
  const ids = [...new Set(featureIds)];
  if (ids.length === 0 || limitPerFeature <= 0) return result;
  const rows = await queryRows<ExampleQueryRow>(
    db,
    sql`select e.feature_id, e.rank, e.max_value, e.max_position, to_json(c.tokens) as tokens, co.name as corpus_name,
               a.positions, a.vals
        from unnest(${pgArray(ids, 'bigint')}) as f(id)
        cross join lateral (
          select * from feature_examples
          where feature_id = f.id and kind = 'top'
          order by rank
          limit ${limitPerFeature}
        ) e
        join contexts c on c.id = e.context_id
        join corpora co on co.id = c.corpus_id
        left join lateral (
          select json_agg(position) as positions, json_agg(value) as vals
          from activations
          where feature_id = e.feature_id and context_id = e.context_id
        ) a on true
        order by e.feature_id, e.rank`,
  );
  for (const row of rows) {
    const featureId = Number(row.feature_id);
    let examples = result.get(featureId);
    if (!examples) {
      examples = [];
      result.set(featureId, examples);
    }
    examples.push(exampleRow(featureId, row));
  }
  return result;
}

function exampleRow(featureId: number, row: ExampleQueryRow): ActivationExampleRow {
  return {
    featureId,
    rank: row.rank,
    maxValue: row.max_value,
    maxPosition: row.max_position,
    tokens: row.tokens,
    values: denseValues(row.tokens.length, row.positions ?? [], row.vals ?? []),
    corpusName: row.corpus_name,
  };
}

/** Examples stored per quantile bin: a quantile example's rank is bin × this + its place in the bin. */
export const QUANTILE_RANK_STRIDE = 5;

export type QuantileBinRow = {
  featureId: number;
  bin: number;
  lower: number;
  upper: number;
  /** Reservoir entries that fell in the bin. */
  count: number;
  /** By rank (maxValue ascending within the bin). */
  examples: ActivationExampleRow[];
};

type QuantileQueryRow = {
  feature_id: number | string;
  bin: number;
  lower: number;
  upper: number;
  count: number;
} & { [K in keyof Omit<ExampleQueryRow, 'feature_id'>]: ExampleQueryRow[K] | null };

/**
 * Each feature's quantile bins, weakest first, with their examples (kind 'quantile', rank /
 * QUANTILE_RANK_STRIDE = bin), tokens and per-token values. One query for all ids.
 */
export async function getQuantileExamples(
  db: AtlasDb,
  featureIds: readonly number[],
): Promise<Map<number, QuantileBinRow[]>> {
  const result = new Map<number, QuantileBinRow[]>();
  const ids = [...new Set(featureIds)];
  if (ids.length === 0) return result;
  const rows = await queryRows<QuantileQueryRow>(
    db,
    sql`select b.feature_id, b.bin, b.lower, b.upper, b.count,
               e.rank, e.max_value, e.max_position, to_json(c.tokens) as tokens, co.name as corpus_name, a.positions, a.vals
        from feature_quantile_bins b
        left join feature_examples e
          on e.feature_id = b.feature_id and e.kind = 'quantile' and e.rank / ${QUANTILE_RANK_STRIDE} = b.bin
        left join contexts c on c.id = e.context_id
        left join corpora co on co.id = c.corpus_id
        left join lateral (
          select json_agg(position) as positions, json_agg(value) as vals
          from activations
          where feature_id = e.feature_id and context_id = e.context_id
        ) a on true
        where b.feature_id = any(${pgArray(ids, 'bigint')})
        order by b.feature_id, b.bin, e.rank`,
  );
  for (const row of rows) {
    const featureId = Number(row.feature_id);
    let bins = result.get(featureId);
    if (!bins) {
      bins = [];
      result.set(featureId, bins);
    }
    let bin = bins.at(-1);
    if (bin?.bin !== row.bin) {
      bin = { featureId, bin: row.bin, lower: row.lower, upper: row.upper, count: row.count, examples: [] };
      bins.push(bin);
    }
    if (row.rank !== null && row.tokens !== null) {
      bin.examples.push(
        exampleRow(featureId, {
          ...row, feature_id: featureId, rank: row.rank, max_value: row.max_value!, max_position: row.max_position!,
          tokens: row.tokens, corpus_name: row.corpus_name!,
        }),
      );
    }
  }
  return result;
}

function denseValues(length: number, positions: readonly number[], values: readonly number[]): number[] {
  const dense = new Array<number>(length).fill(0);
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i] as number;
    if (position < length) dense[position] = values[i] as number;
  }
  return dense;
}

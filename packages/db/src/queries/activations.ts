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
    sql`select e.feature_id, e.rank, e.max_value, e.max_position, c.tokens, co.name as corpus_name,
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
          select array_agg(position) as positions, array_agg(value) as vals
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
    examples.push({
      featureId,
      rank: row.rank,
      maxValue: row.max_value,
      maxPosition: row.max_position,
      tokens: row.tokens,
      values: denseValues(row.tokens.length, row.positions ?? [], row.vals ?? []),
      corpusName: row.corpus_name,
    });
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

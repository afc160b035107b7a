import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import type { NeighbourMethod } from '../schema/index.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import type { FeatureRow } from './features.ts';

export type FeatureNeighbourRow = {
  /** From 0, nearest first. */
  rank: number;
  score: number;
  neighbour: FeatureRow;
};

type NeighbourQueryRow = {
  feature_id: number | string;
  rank: number;
  score: number;
  id: number | string;
  sae_id: string;
  index: number;
  density: number;
  max_activation: number;
  mean_activation: number;
  encoder_decoder_cosine: number | null;
  is_dead: boolean;
  is_dense: boolean;
};

/**
 * The stored neighbours of each feature for one method, nearest first, each with the
 * neighbour's feature row (one query for all ids; features of other SAEs never appear).
 */
export async function getFeatureNeighbours(
  db: AtlasDb,
  featureIds: readonly number[],
  method: NeighbourMethod,
): Promise<Map<number, FeatureNeighbourRow[]>> {
  const result = new Map<number, FeatureNeighbourRow[]>();
  const ids = [...new Set(featureIds)];
  if (ids.length === 0) return result;
  const rows = await queryRows<NeighbourQueryRow>(
    db,
    sql`select n.feature_id, n.rank, n.score, f.id, f.sae_id, f.index, f.density, f.max_activation, f.mean_activation,
               f.encoder_decoder_cosine, f.is_dead, f.is_dense
        from feature_neighbours n
        join features f on f.id = n.neighbour_id
        where n.feature_id = any(${pgArray(ids, 'bigint')}) and n.method = ${method}
        order by n.feature_id, n.rank`,
  );
  for (const row of rows) {
    const featureId = Number(row.feature_id);
    let list = result.get(featureId);
    if (!list) {
      list = [];
      result.set(featureId, list);
    }
    list.push({
      rank: row.rank,
      score: row.score,
      neighbour: {
        id: Number(row.id),
        saeId: row.sae_id,
        index: row.index,
        density: row.density,
        maxActivation: row.max_activation,
        meanActivation: row.mean_activation,
        encoderDecoderCosine: row.encoder_decoder_cosine,
        isDead: row.is_dead,
        isDense: row.is_dense,
      },
    });
  }
  return result;
}

import { sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { pgArray } from '../sql/arrays.ts';
import { queryRows } from '../sql/rows.ts';
import { CURRENT_LABEL_ORDER, LABEL_JOINS } from './label-columns.ts';

export type MapPosition = { x: number; y: number };

/** One feature on its SAE's map, with what a map shows on hover. */
export type MapPointRow = MapPosition & {
  featureId: number;
  index: number;
  density: number;
  isDead: boolean;
  /** The feature's current label text (best-voted label, latest version), if any. */
  label: string | null;
  /** Who made that label (`machine`, `llm`, `human`); null without a label. */
  labelSource: string | null;
  /** The feature's map cluster (see `listMapClusters`); null: not clustered. */
  cluster: number | null;
};

/** A cluster of an SAE's map: its caption drawn at (x, y), and how many features it has. */
export type MapClusterRow = { cluster: number; caption: string; x: number; y: number; size: number };

/** Map rectangle, inclusive; coordinates of a stored map lie in [0, 1]. */
export type MapBounds = { minX: number; minY: number; maxX: number; maxY: number };

/** Map positions by feature id (features without one are absent). */
export async function getMapPositions(db: AtlasDb, featureIds: readonly number[]): Promise<Map<number, MapPosition>> {
  if (featureIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number | string; umap_x: number; umap_y: number }>(
    db,
    sql`select id, umap_x, umap_y from features
        where id = any(${pgArray([...new Set(featureIds)], 'bigint')}) and umap_x is not null and umap_y is not null`,
  );
  return new Map(rows.map((row) => [Number(row.id), { x: row.umap_x, y: row.umap_y }]));
}

/**
 * Positioned features of a complete SAE by index ascending, after `afterIndex` (keyset
 * pagination), optionally only those inside `bounds`; each with its current label.
 */
export async function listMapPoints(
  db: AtlasDb,
  args: { saeId: string; afterIndex: number | null; limit: number; bounds?: MapBounds },
): Promise<MapPointRow[]> {
  const after = args.afterIndex === null ? sql`` : sql`and f.index > ${args.afterIndex}`;
  const { bounds } = args;
  const inside = bounds
    ? sql`and f.umap_x between ${bounds.minX} and ${bounds.maxX} and f.umap_y between ${bounds.minY} and ${bounds.maxY}`
    : sql``;
  const rows = await queryRows<{
    id: number | string; index: number; umap_x: number; umap_y: number; density: number; is_dead: boolean; label: string | null; label_source: string | null; map_cluster: number | null;
  }>(
    db,
    sql`select f.id, f.index, f.umap_x, f.umap_y, f.density, f.is_dead, f.map_cluster, current.text as label, current.source as label_source
        from features f
        join saes s on s.id = f.sae_id and s.status = 'complete'
        left join lateral (
          select v.text, l.source
          from labels l
          ${LABEL_JOINS}
          where l.sae_id = f.sae_id and l.feature_index = f.index and not l.hidden
          order by ${CURRENT_LABEL_ORDER}
          limit 1
        ) current on true
        where f.sae_id = ${args.saeId} and f.umap_x is not null and f.umap_y is not null ${after} ${inside}
        order by f.index
        limit ${args.limit}`,
  );
  return rows.map((row) => ({
    featureId: Number(row.id),
    index: row.index,
    x: row.umap_x,
    y: row.umap_y,
    density: row.density,
    isDead: row.is_dead,
    label: row.label,
    labelSource: row.label_source,
    cluster: row.map_cluster,
  }));
}

/** The map clusters of a complete SAE, by cluster id. */
export async function listMapClusters(db: AtlasDb, saeId: string): Promise<MapClusterRow[]> {
  return queryRows<MapClusterRow>(
    db,
    sql`select c.cluster, c.caption, c.x, c.y, c.size
        from map_clusters c join saes s on s.id = c.sae_id and s.status = 'complete'
        where c.sae_id = ${saeId}
        order by c.cluster`,
  );
}

import { sql } from 'drizzle-orm';
import { IngestInputError } from '../../errors.ts';
import type { AtlasDb } from '../../orm.ts';
import { pgArray } from '../../sql/arrays.ts';
import type { IngestFeature, IngestMapCluster } from './types.ts';

/**
 * The map's clusters, after checking that clusters are unique, captioned and placed, and that
 * every feature's `mapCluster` names one of them (a feature in a missing cluster would be drawn
 * in a colour no legend explains).
 */
export async function insertMapClusters(
  tx: AtlasDb,
  saeId: string,
  clusters: readonly IngestMapCluster[],
  features: readonly IngestFeature[],
): Promise<number> {
  const known = new Set<number>();
  for (const c of clusters) {
    if (!Number.isInteger(c.cluster) || c.cluster < 0) throw new IngestInputError(`map cluster ${c.cluster}: cluster ids are whole numbers from 0`);
    if (known.has(c.cluster)) throw new IngestInputError(`map cluster ${c.cluster} is given twice`);
    if (c.caption.trim().length === 0) throw new IngestInputError(`map cluster ${c.cluster}: caption is empty`);
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) throw new IngestInputError(`map cluster ${c.cluster}: position (${c.x}, ${c.y}) is not finite`);
    known.add(c.cluster);
  }
  for (const f of features) {
    if (f.mapCluster != null && !known.has(f.mapCluster)) {
      throw new IngestInputError(`feature ${f.index}: map cluster ${f.mapCluster} is not among the map's clusters`);
    }
  }
  if (clusters.length === 0) return 0;
  await tx.orm.execute(
    sql`insert into map_clusters (sae_id, cluster, caption, x, y, size)
        select ${saeId}, u.cluster, u.caption, u.x, u.y, u.size
        from unnest(
          ${pgArray(clusters.map((c) => c.cluster), 'int')},
          ${pgArray(clusters.map((c) => c.caption), 'text')},
          ${pgArray(clusters.map((c) => c.x), 'real')},
          ${pgArray(clusters.map((c) => c.y), 'real')},
          ${pgArray(clusters.map((c) => c.size), 'int')}
        ) as u(cluster, caption, x, y, size)`,
  );
  return clusters.length;
}

import { kmeans } from 'ml-kmeans';
import type { AtlasMapPoint } from './atlas-map.ts';

export interface MapClustering {
  /** Each point's cluster, 0 .. count − 1. */
  assignment: Int32Array;
  /** Each cluster's centre on the map (where its caption goes) and size. */
  clusters: { x: number; y: number; size: number }[];
}

/** Clusters for a map of `n` points: about one per 180 points (23 for 4k, 91 → capped 64 beyond 11k), at least 2. */
export function defaultClusterCount(n: number): number {
  return Math.max(2, Math.min(64, Math.round(Math.sqrt(n / 8))));
}

/**
 * Groups of nearby points on the 2-D map (k-means++, seeded, on the layout itself), so that what
 * a reader sees as a region is one cluster with one colour and one caption. Empty clusters are
 * dropped and the rest renumbered by size, largest first.
 */
export function mapClusters(points: readonly AtlasMapPoint[], options: { count?: number; seed?: number } = {}): MapClustering {
  if (points.length === 0) return { assignment: new Int32Array(0), clusters: [] };
  const count = Math.min(points.length, options.count ?? defaultClusterCount(points.length));
  const { clusters: raw } = kmeans(points.map(({ x, y }) => [x, y]), count, { seed: options.seed ?? 0, initialization: 'kmeans++' });
  const sums = Array.from({ length: count }, () => ({ x: 0, y: 0, size: 0 }));
  raw.forEach((c, i) => { sums[c]!.x += points[i]!.x; sums[c]!.y += points[i]!.y; sums[c]!.size += 1; });
  const order = sums.map((s, c) => ({ ...s, c })).filter((s) => s.size > 0).sort((a, b) => b.size - a.size || a.c - b.c);
  const renumber = new Map(order.map((s, rank) => [s.c, rank]));
  return {
    assignment: Int32Array.from(raw, (c) => renumber.get(c)!),
    clusters: order.map(({ x, y, size }) => ({ x: x / size, y: y / size, size })),
  };
}

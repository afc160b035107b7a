import { kmeans } from 'ml-kmeans';
import { mulberry32 } from '@atlas/random';
import type { AtlasMapPoint } from '@atlas/features';

/** The `k` nearest other points of every point of a 2-D layout (brute force: fine at 4k–16k). */
export function layoutNeighbours(points: readonly AtlasMapPoint[], k: number): Int32Array {
  const n = points.length;
  const out = new Int32Array(n * k);
  const best = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let i = 0; i < n; i += 1) {
    best.fill(Infinity);
    const { x, y } = points[i]!;
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const d = (points[j]!.x - x) ** 2 + (points[j]!.y - y) ** 2;
      if (d >= best[k - 1]!) continue;
      let slot = k - 1;
      while (slot > 0 && best[slot - 1]! > d) { best[slot] = best[slot - 1]!; bestIndex[slot] = bestIndex[slot - 1]!; slot -= 1; }
      best[slot] = d; bestIndex[slot] = j;
    }
    out.set(bestIndex, i * k);
  }
  return out;
}

/**
 * kNN preservation: the mean share of each point's `k` nearest neighbours in the representation
 * (`reference`, rows of `refK` indices, the point itself excluded) that are also among its `k`
 * nearest on the layout. Random placement scores k / n.
 */
export function knnPreservation(layout: Int32Array, reference: Int32Array, refK: number, k: number, skip?: (i: number) => boolean): number {
  const n = layout.length / k;
  let total = 0;
  let counted = 0;
  for (let i = 0; i < n; i += 1) {
    if (skip?.(i)) continue;
    const near = new Set(layout.subarray(i * k, (i + 1) * k));
    let hits = 0;
    for (let r = 0; r < k; r += 1) if (near.has(reference[i * refK + r]!)) hits += 1;
    total += hits / k;
    counted += 1;
  }
  return counted === 0 ? 0 : total / counted;
}

/**
 * Hopkins statistic of a 2-D layout: Σu / (Σu + Σw) over `m` probes, u the distance from a uniform
 * point in the layout's bounding disc... (here: its bounding box) to the nearest point, w from a
 * sampled point to its nearest other point. 0.5: no more clustered than uniform; → 1: clustered.
 */
export function hopkins(points: readonly AtlasMapPoint[], m = 400, seed = 1): number {
  const random = mulberry32(seed);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { x, y } of points) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const nearest = (x: number, y: number, self: number) => {
    let best = Infinity;
    for (let j = 0; j < points.length; j += 1) if (j !== self) best = Math.min(best, (points[j]!.x - x) ** 2 + (points[j]!.y - y) ** 2);
    return Math.sqrt(best);
  };
  let u = 0, w = 0;
  for (let t = 0; t < m; t += 1) {
    u += nearest(minX + random() * (maxX - minX), minY + random() * (maxY - minY), -1);
    const i = Math.floor(random() * points.length);
    w += nearest(points[i]!.x, points[i]!.y, i);
  }
  return u / (u + w);
}

/** Mean silhouette of a labelling of a 2-D layout (points labelled -1 are left out). */
export function silhouette(points: readonly AtlasMapPoint[], labels: readonly number[]): number {
  const clusters = Math.max(...labels) + 1;
  const sizes = new Array<number>(clusters).fill(0);
  for (const l of labels) if (l >= 0) sizes[l]! += 1;
  let total = 0, counted = 0;
  const sums = new Float64Array(clusters);
  for (let i = 0; i < points.length; i += 1) {
    const own = labels[i]!;
    if (own < 0 || sizes[own]! < 2) continue;
    sums.fill(0);
    for (let j = 0; j < points.length; j += 1) {
      const l = labels[j]!;
      if (l < 0 || j === i) continue;
      sums[l]! += Math.hypot(points[j]!.x - points[i]!.x, points[j]!.y - points[i]!.y);
    }
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < clusters; c += 1) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
    counted += 1;
  }
  return total / counted;
}

/** k-means (k-means++, seeded) on the layout and its silhouette: how well the layout splits into `k` groups. */
export function kmeansSilhouette(points: readonly AtlasMapPoint[], k: number, seed = 1): number {
  const { clusters } = kmeans(points.map(({ x, y }) => [x, y]), k, { seed, initialization: 'kmeans++' });
  return silhouette(points, clusters);
}

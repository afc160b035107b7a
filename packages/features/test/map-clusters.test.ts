import { describe, expect, it } from 'vitest';
import { defaultClusterCount, mapClusters } from '../src/index.ts';
import { seededRandom } from './support/random.ts';

describe('mapClusters', () => {
  const random = seededRandom(3);
  // 30 points around (0.2, 0.2), 20 around (0.8, 0.7).
  const points = [
    ...Array.from({ length: 30 }, () => ({ x: 0.2 + 0.05 * random(), y: 0.2 + 0.05 * random() })),
    ...Array.from({ length: 20 }, () => ({ x: 0.8 + 0.05 * random(), y: 0.7 + 0.05 * random() })),
  ];

  it('finds separated groups, numbered by size, with their centres', () => {
    const { assignment, clusters } = mapClusters(points, { count: 2, seed: 1 });
    expect(Array.from(assignment)).toEqual([...new Array<number>(30).fill(0), ...new Array<number>(20).fill(1)]);
    expect(clusters.map((c) => c.size)).toEqual([30, 20]);
    expect(clusters[0]!.x).toBeCloseTo(0.225, 1);
    expect(clusters[1]!.y).toBeCloseTo(0.725, 1);
  });

  it('is deterministic for a seed and copes with no points', () => {
    expect(mapClusters(points, { count: 5, seed: 2 })).toEqual(mapClusters(points, { count: 5, seed: 2 }));
    expect(mapClusters([])).toEqual({ assignment: new Int32Array(0), clusters: [] });
  });

  it('scales the default count with the map, within 2..64', () => {
    expect(defaultClusterCount(10)).toBe(2);
    expect(defaultClusterCount(4096)).toBe(23);
    expect(defaultClusterCount(65_536)).toBe(64);
  });
});

import { describe, expect, it } from 'vitest';
import { TokenProfiles, type NeighbourGraph } from '../src/index.ts';

/** One code slot per row: feature `features[r]` fires (value 1) on row r, or nothing (value 0) where it is -1. */
function codes(features: number[]) {
  return {
    indices: Int32Array.from(features, (f) => Math.max(f, 0)),
    values: Float32Array.from(features, (f) => (f < 0 ? 0 : 1)),
    k: 1,
  };
}

/** A fallback graph where each feature's neighbours are the next indices, at distance 0.5. */
function ringGraph(width: number, k: number): NeighbourGraph {
  const indices = new Int32Array(width * k);
  const distances = new Float32Array(width * k);
  for (let f = 0; f < width; f += 1) for (let r = 0; r < k; r += 1) {
    indices[f * k + r] = (f + r) % width;
    distances[f * k + r] = r === 0 ? 0 : 0.5;
  }
  return { k, indices, distances };
}

describe('TokenProfiles', () => {
  it('makes features that fire on the same tokens neighbours, and leaves never-firing ones to the fallback', async () => {
    // Features 0 and 2 fire on token 7, features 1 and 3 on token 9, feature 4 on both, 5 never.
    const rows = [0, 2, 0, 2, 1, 3, 1, 3, 4, 4, -1];
    const tokens = [7, 7, 7, 7, 9, 9, 9, 9, 7, 9, 5];
    const profiles = new TokenProfiles(6, 16);
    profiles.addRows(codes(rows), tokens, 0, rows.length);
    const graph = await profiles.graph(ringGraph(6, 2));
    const neighbour = (f: number) => graph.indices[f * 2 + 1];
    expect([0, 1, 2, 3].map((f) => graph.indices[f * 2])).toEqual([0, 1, 2, 3]);
    expect([neighbour(0), neighbour(1), neighbour(2), neighbour(3)]).toEqual([2, 3, 0, 1]);
    expect(graph.distances[0 * 2 + 1]).toBeCloseTo(0, 5);
    // Never fired: its row is the fallback's, untouched.
    expect([graph.indices[10], graph.indices[11], graph.distances[11]]).toEqual([5, 0, 0.5]);
  });

  it('folds a vocabulary past the memory budget onto fewer columns', () => {
    expect(new TokenProfiles(1024, 50_000, 1024 * 4 * 100).dims).toBe(100);
    expect(new TokenProfiles(1024, 64).dims).toBe(64);
  });

  it('rejects a fallback graph of another width and a bad shape', async () => {
    await expect(new TokenProfiles(4, 8).graph(ringGraph(3, 2))).rejects.toThrow(/3 rows for 4 features/);
    expect(() => new TokenProfiles(0, 8)).toThrow(/width and vocabulary size/);
  });
});

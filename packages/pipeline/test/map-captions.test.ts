import { describe, expect, it } from 'vitest';
import { mapClusterRows } from '../src/steps/map-captions.ts';
import type { FeatureMap } from '../src/steps/feature-map.ts';

describe('mapClusterRows', () => {
  const map: FeatureMap = {
    points: [{ x: 0, y: 0 }, { x: 0.1, y: 0 }, { x: 0.2, y: 0 }, { x: 1, y: 1 }, { x: 0.9, y: 1 }],
    clustering: { assignment: Int32Array.from([0, 0, 0, 1, 1]), clusters: [{ x: 0.1, y: 0, size: 3 }, { x: 0.95, y: 1, size: 2 }] },
  };

  it("captions each cluster from its members' labels, or by number when they share no word", () => {
    const rows = mapClusterRows(map, [
      { featureIndex: 0, text: '"whale" (9/20) · after "the"', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 1, text: '"whale" (4/20)', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 3, text: '"nation" (3/20)', source: 'machine', method: 'top-tokens v1' },
    ]);
    expect(rows).toEqual([
      { cluster: 0, caption: 'whale', x: 0.1, y: 0, size: 3 },
      { cluster: 1, caption: 'cluster 2', x: 0.95, y: 1, size: 2 },
    ]);
  });
});

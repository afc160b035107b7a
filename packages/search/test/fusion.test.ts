import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, RRF_K, tokenWindows } from '../src/index.ts';

describe('reciprocalRankFusion', () => {
  it('scores Σ 1/(k + rank) over the lists, ranking features found by both highest', () => {
    const fused = reciprocalRankFusion([[{ featureId: 1 }, { featureId: 2 }], [{ featureId: 2 }, { featureId: 3 }]]);
    expect(fused.map((f) => f.featureId)).toEqual([2, 1, 3]);
    expect(fused[0]).toEqual({ featureId: 2, score: 1 / (RRF_K + 2) + 1 / (RRF_K + 1), ranks: [2, 1] });
    expect(fused[1]).toEqual({ featureId: 1, score: 1 / (RRF_K + 1), ranks: [1, null] });
  });

  it('breaks ties by feature id and counts a repeated feature once per list', () => {
    const fused = reciprocalRankFusion([[{ featureId: 9 }, { featureId: 9 }], [{ featureId: 4 }]]);
    expect(fused).toEqual([
      { featureId: 4, score: 1 / (RRF_K + 1), ranks: [null, 1] },
      { featureId: 9, score: 1 / (RRF_K + 1), ranks: [1, null] },
    ]);
  });
});

describe('tokenWindows', () => {
  it('is one window for a text that fits', () => {
    expect(tokenWindows(10, 16)).toEqual([{ start: 0, length: 10, keepFrom: 0, keepTo: 10 }]);
    expect(tokenWindows(0, 16)).toEqual([]);
  });

  it('keeps every token once, each with at least size − stride tokens before it', () => {
    for (const [n, size] of [[17, 16], [40, 16], [100, 8], [33, 4]] as const) {
      const windows = tokenWindows(n, size);
      const kept = windows.flatMap((w) => Array.from({ length: w.keepTo - w.keepFrom }, (_, i) => w.keepFrom + i));
      expect(kept).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const w of windows) {
        expect(w.length).toBe(size);
        expect(w.start + w.length).toBeLessThanOrEqual(n);
        if (w.start > 0) expect(w.keepFrom - w.start).toBeGreaterThanOrEqual(size - Math.ceil(size / 2));
      }
    }
  });
});

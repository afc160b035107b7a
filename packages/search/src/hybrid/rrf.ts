/** Reciprocal-rank fusion's constant (Cormack, Clarke & Büttcher 2009): damps the head of each list. */
export const RRF_K = 60;

export interface FusedFeature {
  featureId: number;
  score: number;
  /** 1-based positions in each ranked list (null where absent). */
  ranks: (number | null)[];
}

/**
 * Fuses ranked lists by Σ 1 / (k + rank): a feature high in either list ranks high, one in both
 * higher still; no score calibration between lists is needed. Ties by feature id.
 */
export function reciprocalRankFusion(lists: readonly (readonly { featureId: number }[])[], k = RRF_K): FusedFeature[] {
  const fused = new Map<number, FusedFeature>();
  lists.forEach((list, which) => {
    list.forEach(({ featureId }, position) => {
      let entry = fused.get(featureId);
      if (!entry) {
        entry = { featureId, score: 0, ranks: lists.map(() => null) };
        fused.set(featureId, entry);
      }
      if (entry.ranks[which] !== null) return;
      entry.ranks[which] = position + 1;
      entry.score += 1 / (k + position + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.featureId - b.featureId);
}

import type { CandidateLists } from './cross-topk.ts';

/** Each side's best partner on the other, and which pairs are mutual nearest neighbours. */
export interface BestMatches {
  /** Per A feature: its best B feature (−1 when none) and the score. */
  bestAB: Int32Array;
  scoreAB: Float32Array;
  bestBA: Int32Array;
  scoreBA: Float32Array;
  /** Per A feature: 1 when bestBA[bestAB[i]] = i. */
  mutual: Uint8Array;
  mutualCount: number;
}

export function bestMatches({ aToB, bToA }: CandidateLists): BestMatches {
  const widthA = aToB.indices.length / aToB.k;
  const widthB = bToA.indices.length / bToA.k;
  const bestAB = new Int32Array(widthA);
  const scoreAB = new Float32Array(widthA);
  const bestBA = new Int32Array(widthB);
  const scoreBA = new Float32Array(widthB);
  for (let i = 0; i < widthA; i++) {
    bestAB[i] = aToB.indices[i * aToB.k]!;
    scoreAB[i] = aToB.values[i * aToB.k]!;
  }
  for (let j = 0; j < widthB; j++) {
    bestBA[j] = bToA.indices[j * bToA.k]!;
    scoreBA[j] = bToA.values[j * bToA.k]!;
  }
  const mutual = new Uint8Array(widthA);
  let mutualCount = 0;
  for (let i = 0; i < widthA; i++) {
    const j = bestAB[i]!;
    if (j >= 0 && bestBA[j] === i) {
      mutual[i] = 1;
      mutualCount++;
    }
  }
  return { bestAB, scoreAB, bestBA, scoreBA, mutual, mutualCount };
}

/** Mean of the finite values (NaN when none). */
export function finiteMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

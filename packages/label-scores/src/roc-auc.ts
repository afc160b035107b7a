/**
 * ROC-AUC of scores for positives vs negatives: the probability that a random positive scores
 * above a random negative, ties counting half. Computed exactly from ranks (the Mann–Whitney U
 * statistic: AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋), R₊ the sum of the positives' mid-ranks), in
 * O(n log n); no small, well-kept npm package does only this. NaN when either side is empty.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  const nPos = positives.length;
  const nNeg = negatives.length;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const all = [...positives.map((value) => ({ value, positive: true })), ...negatives.map((value) => ({ value, positive: false }))];
  all.sort((a, b) => a.value - b.value);
  let positiveRankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j += 1;
    // Ranks i+1 … j+1 share their mean.
    const midRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k += 1) if (all[k]!.positive) positiveRankSum += midRank;
    i = j + 1;
  }
  return (positiveRankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Balanced accuracy of yes/no predictions: the mean of the true-positive and true-negative rates (0.5 is chance). */
export function balancedAccuracy(positives: readonly boolean[], negatives: readonly boolean[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  const tpr = positives.filter(Boolean).length / positives.length;
  const tnr = negatives.filter((said) => !said).length / negatives.length;
  return (tpr + tnr) / 2;
}

import { describe, expect, it } from 'vitest';
import { balancedAccuracy, rocAuc } from '../src/index.ts';

describe('rocAuc', () => {
  it('matches a hand-computed case with a tie', () => {
    // Pairs (pos > neg = 1, tie = ½): 0.9 beats all 3; 0.8 beats all 3; 0.4 loses to 0.7, ties 0.4, beats 0.1 → 1.5.
    // (3 + 3 + 1.5) / 9 = 0.8333…
    expect(rocAuc([0.9, 0.8, 0.4], [0.7, 0.4, 0.1])).toBeCloseTo(7.5 / 9, 12);
  });

  it('is 1 for perfect separation, 0 for reversed, ½ when every value ties, NaN without one side', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [3, 4])).toBe(0);
    expect(rocAuc([5, 5, 5], [5, 5])).toBe(0.5);
    expect(rocAuc([], [1])).toBeNaN();
  });

  it('agrees with the pairwise definition on unequal, tied, shuffled samples', () => {
    const pos = [0.2, 0.5, 0.5, 0.9, 0.1, 0.7, 0.5];
    const neg = [0.5, 0.3, 0.1, 0.0, 0.8];
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(rocAuc(pos, neg)).toBeCloseTo(wins / (pos.length * neg.length), 12);
  });
});

describe('balancedAccuracy', () => {
  it('is the mean of the true-positive and true-negative rates', () => {
    // TPR 3/4, TNR 1/2 → 0.625.
    expect(balancedAccuracy([true, true, true, false], [false, true])).toBe(0.625);
    expect(balancedAccuracy([true, true], [true, true])).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { CoactivationCounter, coactivationBytesPerPair, type SparseCodes } from '../src/index.ts';
import { randomCodes, seededRandom } from './support/random.ts';

const width = 60;
const k = 5;
const rows = 3000;

/** Random codes with planted pairs: where the first of a pair fires, the second is made to fire too. */
function plantedCodes(seed: number, pairs: [number, number][]): SparseCodes {
  const codes = randomCodes(rows, width, k, seededRandom(seed));
  for (let row = 0; row < rows; row += 1) {
    const at = (slot: number) => row * k + slot;
    for (const [first, second] of pairs) {
      const firstSlot = [...Array(k).keys()].find((slot) => codes.indices[at(slot)] === first && codes.values[at(slot)]! > 0);
      if (firstSlot === undefined) continue;
      const slots = [...Array(k).keys()].filter((slot) => slot !== firstSlot);
      const existing = slots.find((slot) => codes.indices[at(slot)] === second);
      const target = existing ?? slots.find((slot) => !pairs.flat().includes(codes.indices[at(slot)]!))!;
      codes.indices[at(target)] = second;
      codes.values[at(target)] = 1;
    }
  }
  return codes;
}

/** Brute-force reference: shared-token counts keyed "a,b" (a < b) and firing counts, over rows of the kept contexts. */
function bruteForce(codes: SparseCodes, rowCount: number, keepRow: (row: number) => boolean = () => true) {
  const shared = new Map<string, number>();
  const firing = new Array<number>(width).fill(0);
  for (let row = 0; row < rowCount; row += 1) {
    if (!keepRow(row)) continue;
    const fired = [...new Set([...Array(k).keys()].filter((slot) => codes.values[row * k + slot]! > 0).map((slot) => codes.indices[row * k + slot]!))];
    for (const a of fired) firing[a]! += 1;
    for (const a of fired) for (const b of fired) if (a < b) shared.set(`${a},${b}`, (shared.get(`${a},${b}`) ?? 0) + 1);
  }
  return { shared, firing };
}

function counted(from: number, to: number, options = {}): CoactivationCounter {
  const counter = new CoactivationCounter(width, options);
  for (let context = from; context < to; context += 1) counter.addRows(codes, context * seqLen, seqLen, context);
  return counter;
}

const seqLen = 10;
const contexts = rows / seqLen;
const pairs: [number, number][] = [[3, 17], [8, 40]];
const codes = plantedCodes(11, pairs);

describe('CoactivationCounter', () => {
  it('counts every pair exactly (brute-force reference on random codes)', () => {
    const counter = counted(0, contexts);
    const { shared, firing } = bruteForce(codes, rows);
    for (let a = 0; a < width; a += 1) {
      expect(counter.firingCount(a)).toBe(firing[a]);
      for (let b = 0; b < width; b += 1) {
        if (a === b) continue;
        expect(counter.sharedTokens(a, b)).toBe(shared.get(`${Math.min(a, b)},${Math.max(a, b)}`) ?? 0);
      }
    }
  });

  it('finds planted co-firing pairs as each other’s best partner, by Jaccard', () => {
    const neighbours = counted(0, contexts).finish({ count: 10 });
    const { shared, firing } = bruteForce(codes, rows);
    for (const [a, b] of pairs) {
      expect(neighbours[a]![0]).toEqual({
        index: b, conditional: 1, sharedTokens: firing[a], jaccard: firing[a]! / firing[b]!,
      });
      expect(neighbours[b]![0]!.index).toBe(a);
    }
    for (const [feature, list] of neighbours.entries()) {
      expect(list.length).toBeLessThanOrEqual(10);
      for (const partner of list) expect(partner.sharedTokens).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < list.length; i += 1) {
        const [previous, current] = [list[i - 1]!, list[i]!];
        expect(current.jaccard < previous.jaccard || (current.jaccard === previous.jaccard && current.index > previous.index)).toBe(true);
      }
      // The 10th partner is at least as good as every partner left out.
      const worst = list.at(-1)!;
      for (let other = 0; other < width; other += 1) {
        if (other === feature || list.some((partner) => partner.index === other)) continue;
        const both = shared.get(`${Math.min(feature, other)},${Math.max(feature, other)}`) ?? 0;
        if (both < 2) continue;
        expect(both / (firing[feature]! + firing[other]! - both)).toBeLessThanOrEqual(worst.jaccard);
      }
    }
  });

  it('merges shards into exactly the single pass, in any order', () => {
    const single = counted(0, contexts);
    const merged = counted(170, contexts);
    merged.merge(counted(0, 123));
    merged.merge(counted(123, 170));
    expect(merged.toState()).toEqual(single.toState());
    expect(merged.finish()).toEqual(single.finish());
  });

  it('carries its state between processes exactly, shipping only nonzero pairs', () => {
    // A short shard: most of the 1,770 pairs never co-fired and are not shipped.
    const counter = counted(0, 3);
    const state = counter.toState();
    expect(state.pairGaps.length).toBeLessThan((width * (width - 1)) / 4);
    expect([...state.pairCounts].every((count) => count > 0)).toBe(true);
    const copy = CoactivationCounter.fromState(structuredClone(state));
    expect(copy.finish()).toEqual(counter.finish());
    copy.addRows(codes, 0, 10);
    counter.addRows(codes, 0, 10);
    expect(copy.toState()).toEqual(counter.toState());
  });

  it('subsamples contexts deterministically, pairs and firing counts alike', () => {
    const every = 3;
    const counter = counted(0, contexts, { every });
    const { shared, firing } = bruteForce(codes, rows, (row) => Math.floor(row / seqLen) % every === 0);
    for (let a = 0; a < width; a += 1) {
      expect(counter.firingCount(a)).toBe(firing[a]);
      for (let b = a + 1; b < width; b += 1) expect(counter.sharedTokens(a, b)).toBe(shared.get(`${a},${b}`) ?? 0);
    }
    for (const list of counter.finish()) for (const partner of list) expect(partner.conditional).toBeLessThanOrEqual(1);
    const merged = counted(0, 101, { every });
    merged.merge(counted(101, contexts, { every }));
    expect(merged.finish()).toEqual(counter.finish());
  });

  it('falls back to saturating Uint16 counts past the memory budget, and says so', () => {
    const small = counted(0, contexts, { memoryBudgetBytes: 4000 });
    expect(small.bytesPerPair).toBe(2);
    expect(small.finish()).toEqual(counted(0, contexts).finish());
    // 70,000 tokens on which features 1 and 2 both fire: the count stops at 65,535.
    const tokens = 70_000;
    const dense = { indices: new Int32Array(tokens * 2).map((_, slot) => 1 + (slot % 2)), values: new Float32Array(tokens * 2).fill(1), k: 2 };
    const counter = new CoactivationCounter(width, { memoryBudgetBytes: 4000 });
    counter.addRows(dense, 0, tokens);
    const copy = CoactivationCounter.fromState(counter.toState());
    copy.merge(counter);
    expect(copy.sharedTokens(1, 2)).toBe(65_535);
    expect(copy.finish()[1]![0]).toMatchObject({ index: 2, sharedTokens: 65_535, saturated: true });
    expect(counted(0, contexts).finish().flat().some((partner) => partner.saturated)).toBe(false);
  });

  it('counts no pairs when even Uint16 counts exceed the budget, and still merges and ships state', () => {
    // 1,770 pairs: 7,080 bytes as Uint32, 3,540 as Uint16, both over 1,000.
    const off = counted(0, 150, { memoryBudgetBytes: 1000 });
    expect(off.bytesPerPair).toBe(0);
    off.merge(counted(150, contexts, { memoryBudgetBytes: 1000 }));
    const shipped = CoactivationCounter.fromState(off.toState());
    expect(shipped.bytesPerPair).toBe(0);
    expect(shipped.finish()).toEqual(Array.from({ length: width }, () => []));
    expect(() => shipped.merge(counted(0, contexts))).toThrow(/Cannot merge/);
    // 131,072 features have 8.6 G pairs, more than one typed array holds: off whatever the budget.
    expect(coactivationBytesPerPair(131_072, Infinity)).toBe(0);
    expect(coactivationBytesPerPair(16_384)).toBe(2);
    expect(coactivationBytesPerPair(4_096)).toBe(4);
  });

  it('rejects bad input and counters of another shape', () => {
    expect(() => new CoactivationCounter(width).merge(new CoactivationCounter(width + 1))).toThrow(/Cannot merge/);
    expect(() => new CoactivationCounter(width).merge(new CoactivationCounter(width, { every: 2 }))).toThrow(/Cannot merge/);
    expect(() => new CoactivationCounter(width, { every: 0 })).toThrow(/every must be a whole number of at least 1, got 0/);
    expect(() => new CoactivationCounter(0)).toThrow(expect.objectContaining({ name: 'FeaturesError', code: 'BAD_USER_INPUT' }));
    const outside = { indices: Int32Array.of(width), values: Float32Array.of(1), k: 1 };
    expect(() => new CoactivationCounter(width).addRows(outside, 0, 1)).toThrow(/outside the SAE width/);
  });
});

import { describe, expect, it } from 'vitest';
import { CoactivationCounter, type SparseCodes } from '../src/index.ts';
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

/** Brute-force shared-token counts, [width][width]. */
function exactShared(codes: SparseCodes): number[][] {
  const shared = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  for (let row = 0; row < rows; row += 1) {
    const fired = [...Array(k).keys()].filter((slot) => codes.values[row * k + slot]! > 0).map((slot) => codes.indices[row * k + slot]!);
    for (const a of fired) for (const b of fired) if (a !== b) shared[a]![b]! += 1;
  }
  return shared;
}

const pairs: [number, number][] = [[3, 17], [8, 40]];
const codes = plantedCodes(11, pairs);
const truth = exactShared(codes);

describe('CoactivationCounter', () => {
  it('counts shared tokens exactly while partners fit the capacity', () => {
    const counter = new CoactivationCounter(width, { capacity: width });
    counter.addRows(codes, 0, rows);
    for (let a = 0; a < width; a += 1) {
      expect(counter.droppedCounts(a)).toBe(0);
      for (let b = 0; b < width; b += 1) if (a !== b) expect(counter.sharedTokens(a, b)).toBe(truth[a]![b]);
    }
    const neighbours = counter.finish();
    for (const [a, b] of pairs) expect(neighbours[a]![0]).toMatchObject({ index: b, conditional: 1 });
  });

  it('finds planted co-firing pairs as each other’s best partner, by Jaccard', () => {
    const counter = new CoactivationCounter(width, { capacity: 8 });
    counter.addRows(codes, 0, rows);
    const neighbours = counter.finish({ count: 10 });
    for (const [a, b] of pairs) {
      expect(neighbours[a]![0]!.index).toBe(b);
      expect(neighbours[b]![0]!.index).toBe(a);
      // Every firing of `a` brought `b` along (a lower bound here: the summaries overflowed).
      expect(neighbours[a]![0]!.conditional).toBeGreaterThan(0.5);
    }
    for (const list of neighbours) {
      expect(list.length).toBeLessThanOrEqual(10);
      for (let i = 1; i < list.length; i += 1) expect(list[i]!.jaccard).toBeLessThanOrEqual(list[i - 1]!.jaccard);
    }
  });

  it('stays within the Misra–Gries bound when the summary overflows', () => {
    const counter = new CoactivationCounter(width, { capacity: 6 });
    counter.addRows(codes, 0, rows);
    let overflowed = 0;
    for (let a = 0; a < width; a += 1) {
      if (counter.droppedCounts(a) > 0) overflowed += 1;
      const pairEvents = truth[a]!.reduce((sum, count) => sum + count, 0);
      expect(counter.droppedCounts(a)).toBeLessThanOrEqual(pairEvents / 3);
      for (let b = 0; b < width; b += 1) {
        if (a === b) continue;
        const estimate = counter.sharedTokens(a, b);
        expect(estimate).toBeLessThanOrEqual(truth[a]![b]!);
        expect(truth[a]![b]! - estimate).toBeLessThanOrEqual(Math.min(counter.droppedCounts(a), counter.droppedCounts(b)) + 1e-9);
      }
    }
    expect(overflowed).toBeGreaterThan(width / 2);
  });

  it('merges shards exactly when no summary overflowed', () => {
    const single = new CoactivationCounter(width, { capacity: width });
    single.addRows(codes, 0, rows);
    const first = new CoactivationCounter(width, { capacity: width });
    const second = new CoactivationCounter(width, { capacity: width });
    first.addRows(codes, 0, 1234);
    second.addRows(codes, 1234, rows - 1234);
    first.merge(second);
    expect(first.finish()).toEqual(single.finish());
    for (let a = 0; a < width; a += 1) expect(first.firingCount(a)).toBe(single.firingCount(a));
  });

  it('keeps the error bound through a merge of overflowed shards', () => {
    const first = new CoactivationCounter(width, { capacity: 6 });
    const second = new CoactivationCounter(width, { capacity: 6 });
    first.addRows(codes, 0, 1500);
    second.addRows(codes, 1500, rows - 1500);
    first.merge(second);
    for (const [a, b] of pairs) expect(first.finish()[a]![0]!.index).toBe(b);
    for (let a = 0; a < width; a += 1) {
      for (let b = 0; b < width; b += 1) {
        if (a === b) continue;
        const estimate = first.sharedTokens(a, b);
        expect(estimate).toBeLessThanOrEqual(truth[a]![b]!);
        expect(truth[a]![b]! - estimate).toBeLessThanOrEqual(first.droppedCounts(a) + 1e-9);
      }
    }
  });

  it('carries its state between processes exactly', () => {
    const counter = new CoactivationCounter(width, { capacity: 6 });
    counter.addRows(codes, 0, rows);
    const copy = CoactivationCounter.fromState(structuredClone(counter.toState()));
    expect(copy.finish()).toEqual(counter.finish());
    copy.addRows(codes, 0, 10);
    counter.addRows(codes, 0, 10);
    expect(copy.finish()).toEqual(counter.finish());
  });

  it('refuses to merge counters of another shape', () => {
    expect(() => new CoactivationCounter(width).merge(new CoactivationCounter(width + 1))).toThrow(/Cannot merge/);
  });
});

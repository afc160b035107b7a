import { describe, expect, it } from 'vitest';
import { clusterCaptions, labelWords } from '../src/index.ts';

describe('labelWords', () => {
  it('reads the quoted tokens of machine labels and all words of prose labels', () => {
    expect(labelWords('"whale" (9/20) · "Whales" (3/20) · after "the"')).toEqual(['whale', 'whales', 'the']);
    expect(labelWords('Ship parts, e.g. mast and deck')).toEqual(['ship', 'parts', 'mast', 'and', 'deck']);
    expect(labelWords('"," (20/20)')).toEqual([]);
  });
});

describe('clusterCaptions', () => {
  it('names each group by the words common in it and rare elsewhere', () => {
    const captions = clusterCaptions([
      ['"whale" (9/20) · after "the"', '"whales" (5/20) · after "the"', '"whale" (3/20) · "sea" (2/20)', '"sea" (4/20) · after "the"'],
      ['"nation" (6/20) · after "the"', '"Nation" (2/20) · "congress" (3/20)', '"congress" (7/20) · after "the"'],
      ['"x" (1/1)'],
    ]);
    // "the" is in most labels of both groups: not characteristic of either. Ties go alphabetically.
    expect(captions[0]).toBe('sea · whale');
    expect(captions[1]).toBe('congress · nation');
    // No word shared by two labels: no caption (the caller names it by number).
    expect(captions[2]).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { CorpusError, shuffleDocuments, splitHeldOut, type CorpusDocument } from '../src/index.ts';

const documents: CorpusDocument[] = Array.from({ length: 2000 }, (_, i) => ({ id: `doc-${i}`, text: `text ${i}` }));
const ids = (docs: CorpusDocument[]) => docs.map((d) => d.id);

describe('splitHeldOut', () => {
  it('is deterministic for a seed and independent of document order', () => {
    const a = splitHeldOut(documents, 0.1, 7);
    const b = splitHeldOut([...documents].reverse(), 0.1, 7);
    expect(ids(a.heldOut).sort()).toEqual(ids(b.heldOut).sort());
    expect(ids(splitHeldOut(documents, 0.1, 7).heldOut)).toEqual(ids(a.heldOut));
  });

  it('partitions the documents with about the requested fraction', () => {
    const { train, heldOut } = splitHeldOut(documents, 0.1, 0);
    expect(train.length + heldOut.length).toBe(documents.length);
    expect(new Set([...ids(train), ...ids(heldOut)]).size).toBe(documents.length);
    expect(heldOut.length).toBeGreaterThan(150);
    expect(heldOut.length).toBeLessThan(250);
  });

  it('depends on the seed; fraction 0 and 1 are the edges', () => {
    expect(ids(splitHeldOut(documents, 0.1, 1).heldOut)).not.toEqual(ids(splitHeldOut(documents, 0.1, 2).heldOut));
    expect(splitHeldOut(documents, 0, 3).heldOut).toHaveLength(0);
    expect(splitHeldOut(documents, 1, 3).train).toHaveLength(0);
  });

  it('a held-out document stays held out when the fraction grows', () => {
    const small = new Set(ids(splitHeldOut(documents, 0.05, 0).heldOut));
    const large = new Set(ids(splitHeldOut(documents, 0.2, 0).heldOut));
    for (const id of small) expect(large.has(id)).toBe(true);
  });

  it('rejects a fraction outside [0, 1]', () => {
    expect(() => splitHeldOut(documents, 1.5, 0)).toThrow(CorpusError);
    expect(() => splitHeldOut(documents, 1.5, 0)).toThrow(/between 0 and 1 .* got 1\.5/);
  });
});

describe('shuffleDocuments', () => {
  const documents = Array.from({ length: 50 }, (_, i) => ({ id: `doc-${i}`, text: String(i) }));

  it('is deterministic, independent of input order, and a permutation', () => {
    const once = shuffleDocuments(documents, 3).map((d) => d.id);
    const reversed = shuffleDocuments([...documents].reverse(), 3).map((d) => d.id);
    expect(reversed).toEqual(once);
    expect([...once].sort()).toEqual(documents.map((d) => d.id).sort());
    expect(once).not.toEqual(documents.map((d) => d.id));
    expect(shuffleDocuments(documents, 4).map((d) => d.id)).not.toEqual(once);
  });
});

import { describe, expect, it } from 'vitest';
import { batchContexts, packSequences, tokenizeDocuments, type TokenizedDocument } from '../src/index.ts';

const EOS = 99;
const docs: TokenizedDocument[] = [
  { id: 'a', tokens: [1, 2, 3, 4, 5] },
  { id: 'b', tokens: [10, 11, 12] },
  { id: 'c', tokens: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29] },
];

describe('packSequences', () => {
  it('joins documents with EOS, cuts fixed-length contexts and drops the short tail', () => {
    const contexts = [...packSequences(docs, 4, { eosTokenId: EOS })];
    expect(contexts.map((c) => Array.from(c.tokens))).toEqual([
      [1, 2, 3, 4],
      [5, EOS, 10, 11],
      [12, EOS, 20, 21],
      [22, 23, 24, 25],
      [26, 27, 28, 29],
    ]);
    expect(contexts.map((c) => [c.index, c.documentId, c.startToken])).toEqual([
      [0, 'a', 0],
      [1, 'a', 4],
      [2, 'b', 2],
      [3, 'c', 2],
      [4, 'c', 6],
    ]);
    expect(contexts[1]!.segments).toEqual([
      { documentId: 'a', startToken: 4, offset: 0, length: 1 },
      { documentId: 'b', startToken: 0, offset: 2, length: 2 },
    ]);
  });

  it('starts a context with the EOS that ends the previous document', () => {
    const contexts = [...packSequences([{ id: 'a', tokens: [1, 2, 3, 4] }, { id: 'b', tokens: [5, 6, 7] }], 4, { eosTokenId: EOS })];
    expect(Array.from(contexts[1]!.tokens)).toEqual([EOS, 5, 6, 7]);
    expect(contexts[1]).toMatchObject({ documentId: 'a', startToken: 4, segments: [{ documentId: 'b', startToken: 0, offset: 1, length: 3 }] });
  });

  it('reads documents lazily', () => {
    let pulled = 0;
    function* source() {
      for (const doc of docs) {
        pulled++;
        yield doc;
      }
    }
    const contexts = packSequences(source(), 4, { eosTokenId: EOS });
    contexts.next();
    expect(pulled).toBe(1);
  });

  it('traces every token of every context back to its document', () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const random: TokenizedDocument[] = Array.from({ length: 40 }, (_, d) => ({
      id: `doc-${d}`,
      tokens: Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * 90)),
    }));
    const byId = new Map(random.map((doc) => [doc.id, doc.tokens]));
    const contexts = [...packSequences(random, 7, { eosTokenId: EOS })];
    const total = random.reduce((n, doc) => n + doc.tokens.length + 1, 0);
    expect(contexts).toHaveLength(Math.floor(total / 7));
    for (const context of contexts) {
      const covered = new Array<boolean>(7).fill(false);
      for (const s of context.segments) {
        const source = Array.from(byId.get(s.documentId)!).slice(s.startToken, s.startToken + s.length);
        expect(Array.from(context.tokens.subarray(s.offset, s.offset + s.length))).toEqual(source);
        for (let i = s.offset; i < s.offset + s.length; i++) covered[i] = true;
      }
      covered.forEach((isDocument, i) => expect(isDocument || context.tokens[i] === EOS).toBe(true));
    }
  });
});

describe('tokenizeDocuments and batchContexts', () => {
  it('tokenizes lazily and groups contexts into [batch, seqLen] blocks', () => {
    const tokenizer = { encode: (text: string) => text.split(' ').map(Number) };
    const documents = tokenizeDocuments(tokenizer, [
      { id: 'x', text: '1 2 3 4 5 6' },
      { id: 'y', text: '7 8 9' },
    ]);
    const batches = [...batchContexts(packSequences(documents, 3, { eosTokenId: 0 }), 2)];
    expect(batches.map((b) => [b.batch, b.seqLen])).toEqual([[2, 3], [1, 3]]);
    expect(Array.from(batches[0]!.inputIds)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(batches[1]!.inputIds)).toEqual([0, 7, 8]);
    expect(batches[1]!.contexts[0]!.documentId).toBe('x');
  });
});

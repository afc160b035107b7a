import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  embedderKey, isZeroVector, loadWordNet, loadWordVectorEmbedder, readWordVectors, words, writeWordVectors, type WordVectorTable,
} from '../src/index.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const temp = mkdtempSync(join(tmpdir(), 'word-vectors-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the committed word vectors', () => {
  const embedder = loadWordVectorEmbedder({ wordnet: loadWordNet() });

  it('are at most 256 dimensions and under 5 MB, with an id that names them', () => {
    expect(embedder.id).toMatchObject({ name: 'atlas-word-vectors', version: '1', dimensions: 128 });
    expect(embedderKey(embedder.id)).toMatch(/^atlas-word-vectors@1#[0-9a-f]{12}$/);
    expect(embedder.table.words.length).toBeGreaterThan(30_000);
  });

  it('put related words near each other and unrelated ones apart', () => {
    const near = (a: string, b: string) => cosine(embedder.wordVector(a)!, embedder.wordVector(b)!);
    expect(near('whale', 'whales')).toBeGreaterThan(0.6);
    expect(near('ship', 'vessel')).toBeGreaterThan(0.5);
    expect(near('tax', 'taxes')).toBeGreaterThan(0.7);
    expect(near('whale', 'taxes')).toBeLessThan(0.3);
    expect(embedder.nearestWords(embedder.wordVector('freedom')!, 5).map((hit) => hit.word)).toContain('liberty');
  });

  it('embed phrases so that phrases on one topic are closer than phrases on different topics', async () => {
    const [sea, hunt, money] = await embedder.embed(['whales and ships at sea', 'the harpooner struck the leviathan', 'congress passed a tax bill']);
    expect(cosine(sea!, hunt!)).toBeGreaterThan(cosine(sea!, money!) + 0.2);
    for (const vector of [sea, hunt, money]) expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
  });

  it('finds words outside the vocabulary through WordNet, and gives no direction to text without words', async () => {
    expect(embedder.frequency('cetaceans')).toBe(0);
    const inflected = embedder.wordVector('cetaceans');
    expect(inflected).toBeDefined();
    expect(cosine(inflected!, embedder.wordVector('cetacean') ?? inflected!)).toBeGreaterThan(0.99);
    const [none, digits] = await embedder.embed(['', '12345 !!! ---']);
    expect(isZeroVector(none!)).toBe(true);
    expect(isZeroVector(digits!)).toBe(true);
  });
});

describe('the word-vector file', () => {
  it('round-trips through int8 with cosines kept to 1%', async () => {
    const dimensions = 8;
    const vectors = Float32Array.from({ length: 3 * dimensions }, (_, i) => Math.sin(i * 1.7));
    for (let w = 0; w < 3; w++) {
      const row = vectors.subarray(w * dimensions, (w + 1) * dimensions);
      const norm = Math.hypot(...row);
      row.forEach((v, d) => (row[d] = v / norm));
    }
    const table: WordVectorTable = {
      dimensions, words: ['alpha', 'beta', 'gamma'], counts: [5, 3, 1], totalWords: 9, vectors,
      commonComponent: new Float32Array(dimensions), training: { note: 'test' },
    };
    const path = join(temp, 'small.bin');
    await writeWordVectors(path, table);
    const back = readWordVectors(path);
    expect(back).toMatchObject({ dimensions, words: table.words, counts: table.counts, totalWords: 9, training: { note: 'test' } });
    for (let w = 0; w < 3; w++) {
      const a = vectors.subarray(w * dimensions, (w + 1) * dimensions);
      expect(cosine(a, back.vectors.subarray(w * dimensions, (w + 1) * dimensions))).toBeGreaterThan(0.99);
    }
    const other = loadWordVectorEmbedder({ path, wordnet: false });
    expect(other.id.checksum).not.toBe(loadWordVectorEmbedder({ wordnet: false }).id.checksum);
  });

  it('refuses a file that is not one, naming it', () => {
    expect(() => readWordVectors(join(temp, 'missing.bin'))).toThrow(/No word-vector file at .*missing\.bin/);
  });
});

describe('words', () => {
  it('splits lowercase words, keeps inner apostrophes, drops possessives, digits and symbols', () => {
    expect(words("The Whale's spout — don't 1851 café!")).toEqual(['the', 'whale', 'spout', "don't", 'café']);
  });
});

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, type Tokenizer } from '../src/index.ts';
import { writeTinyGpt } from './support/tiny-gpt.ts';

describe('tokenizer', () => {
  const tiny = writeTinyGpt();
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    tokenizer = await loadTokenizer(tiny.dir);
  });
  afterAll(() => rmSync(tiny.dir, { recursive: true, force: true }));

  it('encodes with the BPE merges and adds no special tokens', () => {
    const ids = tokenizer.encode('the cat sat');
    // 't' 'he' | ' cat' | ' sat'  (merges: h e → he, Ġ c, a t → Ġcat, Ġ s → Ġsat)
    expect(tokenizer.decodeTokens(ids)).toEqual(['t', 'he', ' cat', ' sat']);
    expect(ids).not.toContain(tiny.eosTokenId);
  });

  it('keeps leading spaces in per-token display strings and round-trips text', () => {
    const text = 'The cat sat on the mat.\n  Naïve?';
    const ids = tokenizer.encode(text);
    expect(tokenizer.decode(ids)).toBe(text);
    // ï is two bytes split over two tokens: each shows its byte rather than U+FFFD.
    expect(tokenizer.decodeTokens(ids).join('')).toBe(text.replace('ï', '<0xC3><0xAF>'));
  });

  it('knows the end-of-text token and the vocabulary size', () => {
    expect(tokenizer.eosTokenId).toBe(tiny.eosTokenId);
    expect(tokenizer.vocabSize).toBe(tiny.weights.vocabSize);
    expect(tokenizer.encode('a<|endoftext|>b')).toEqual([97, tiny.eosTokenId, 98]);
    expect(tokenizer.decodeTokens([tiny.eosTokenId])).toEqual(['<|endoftext|>']);
  });
});

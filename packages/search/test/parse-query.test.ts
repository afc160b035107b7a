import { describe, expect, it } from 'vitest';
import { parseQuery, SEARCH_LIMITS } from '../src/index.ts';

describe('parseQuery', () => {
  it('keeps words and quoted phrases, lowercase and deduplicated', () => {
    expect(parseQuery('  White  WHALE "sperm whale" whale ')).toEqual({ text: 'White WHALE "sperm whale" whale', words: ['white', 'whale'], phrases: ['sperm whale'] });
  });

  it('reads operators and punctuation as separators only', () => {
    expect(parseQuery("a & b | !c:* <-> (d) ; drop table features; -- '")).toMatchObject({
      words: ['a', 'b', 'c', 'd', 'drop', 'table', 'features'], phrases: [],
    });
  });

  it('ignores an unbalanced quote and treats control characters as spaces', () => {
    expect(parseQuery('"unbalanced whale')).toMatchObject({ words: ['unbalanced', 'whale'], phrases: [] });
    expect(parseQuery('whale\u0000\u0007ship\u2028sea')).toMatchObject({ text: 'whale ship sea', words: ['whale', 'ship', 'sea'] });
  });

  it('refuses an empty query, one without words, and one over the length limit, saying the limit', () => {
    expect(() => parseQuery('')).toThrow(/query is empty/);
    expect(() => parseQuery(' \t\n ')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => parseQuery('!!! ??? ---')).toThrow(/has no words/);
    expect(() => parseQuery('whale '.repeat(2000))).toThrow(new RegExp(`limit is ${SEARCH_LIMITS.maxQueryChars}`));
    expect(() => parseQuery(42)).toThrow(/must be a string/);
  });

  it('keeps at most the term limit', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(parseQuery(many).words).toHaveLength(SEARCH_LIMITS.maxQueryTerms);
  });
});

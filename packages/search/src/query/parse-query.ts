import { SEARCH_LIMITS } from '../limits.ts';
import { SearchError } from '../search-error.ts';

/** A query as search uses it: plain words and quoted phrases, never operators. */
export interface ParsedQuery {
  /** The query with control characters as spaces and whitespace collapsed (what the embedder sees). */
  text: string;
  /** Single words, lowercase, in order, deduplicated. */
  words: string[];
  /** Double-quoted phrases of two or more words. */
  phrases: string[];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// C0/C1 controls and the Unicode line/paragraph separators read as spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Reads a search query. Defined answers: control characters count as spaces; a balanced pair of
 * double quotes makes a phrase, an unbalanced quote is ignored; every other symbol (`&`, `|`,
 * `!`, `:*`, `<->`, `(`, `'`, `;`, `--`) only separates words, so nothing reaches tsquery or
 * SQL as syntax. Errors: an empty query, one over 500 characters, or one with no word in it.
 */
export function parseQuery(raw: unknown): ParsedQuery {
  if (typeof raw !== 'string') throw new SearchError('query must be a string.');
  const text = raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (text.length === 0) throw new SearchError('The search query is empty: type a word or phrase to search for (e.g. "whale").');
  if (text.length > SEARCH_LIMITS.maxQueryChars) {
    throw new SearchError(
      `The search query has ${text.length} characters; the limit is ${SEARCH_LIMITS.maxQueryChars}. Search with a few words or a short phrase.`,
    );
  }
  const phrases: string[] = [];
  const quoted = text.replace(/"([^"]*)"/g, (_, inner: string) => {
    const phraseWords = inner.toLowerCase().match(WORD) ?? [];
    if (phraseWords.length > 1) phrases.push(phraseWords.join(' '));
    return phraseWords.length === 1 ? ` ${phraseWords[0]} ` : ' ';
  });
  const words = [...new Set(quoted.toLowerCase().match(WORD) ?? [])];
  if (words.length === 0 && phrases.length === 0) {
    throw new SearchError(`The search query "${text.slice(0, 80)}" has no words (letters or digits) to search for.`);
  }
  const terms = SEARCH_LIMITS.maxQueryTerms;
  return { text, words: words.slice(0, Math.max(0, terms - phrases.length)), phrases: phrases.slice(0, terms) };
}

import type { FullTextTerms } from '@atlas/db';
import type { SearchEngine } from '../engine.ts';
import { SEARCH_LIMITS } from '../limits.ts';
import type { ParsedQuery } from './parse-query.ts';
import { STOPWORDS } from './stopwords.ts';

/** The query's own terms (words and phrases) and its WordNet expansions, none repeated. */
export function searchTerms(query: ParsedQuery, engine: SearchEngine, expand = true): FullTextTerms {
  const terms = [...query.words, ...query.phrases];
  const seen = new Set(terms);
  const expansions: string[] = [];
  if (expand) {
    for (const word of query.words) {
      if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
      for (const term of engine.expand(word)) {
        if (expansions.length >= SEARCH_LIMITS.maxExpansions) break;
        if (seen.has(term)) continue;
        seen.add(term);
        expansions.push(term);
      }
    }
  }
  return { terms, expansions };
}

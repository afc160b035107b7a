/** The bounds on the work one search or features-for-text request can cause. */
export const SEARCH_LIMITS = {
  /** Characters in a query (after trimming). */
  maxQueryChars: 500,
  /** Words and quoted phrases used from a query. */
  maxQueryTerms: 24,
  /** WordNet terms added per query word, and in all. */
  maxExpansionsPerWord: 8,
  maxExpansions: 48,
  /** Results per page. */
  defaultPageSize: 20,
  maxPageSize: 100,
  /** HYBRID and VECTOR rank this many candidates per ranker; paging reaches all of them. FULL_TEXT pages without a bound. */
  rankDepth: 200,
  /** HNSW candidate list (hnsw.ef_search) for those candidates: recall@10 0.964 against exact on 100k features (docs/benchmarks.md). */
  vectorEfSearch: 400,
  /** SAE ids in one filter. */
  maxFilterSaes: 100,
} as const;

export const TEXT_LIMITS = {
  /** UTF-8 bytes of a text given to featuresForText. */
  maxTextBytes: 64 * 1024,
  /** Tokens of that text (windows of the model's context run for each). */
  maxTokens: 8192,
  defaultTopK: 5,
  maxTopK: 64,
  /** Features listed for the whole text. */
  defaultTextFeatures: 20,
  maxTextFeatures: 200,
} as const;

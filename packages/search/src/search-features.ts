import {
  fullTextSearchCandidates, getFeaturesByIds, getSearchMatches, hasSearchVectors, vectorSearchCandidates,
  type AtlasDb, type RankedFeature, type SearchMatch, type SearchScope,
} from '@atlas/db';
import { isZeroVector } from '@atlas/embed';
import type { SearchEngine } from './engine.ts';
import { reciprocalRankFusion } from './hybrid/rrf.ts';
import { SEARCH_LIMITS } from './limits.ts';
import { decodeCursor, encodeCursor, searchFingerprint, type SearchCursor } from './query/cursor.ts';
import { parseQuery } from './query/parse-query.ts';
import { resolveFilter, type FeatureSearchFilter } from './query/resolve-filter.ts';
import { searchTerms } from './query/search-terms.ts';
import { SearchError } from './search-error.ts';

export const SEARCH_MODES = ['HYBRID', 'FULL_TEXT', 'VECTOR'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchFeaturesArgs {
  query: string;
  /** Default HYBRID. */
  mode?: SearchMode;
  filter?: FeatureSearchFilter;
  /** Page size, 1..100 (default 20). */
  first?: number;
  /** `endCursor` of the previous page. */
  after?: string | null;
  /** WordNet expansion of full-text terms (default true). */
  expand?: boolean;
  /** HNSW candidate list size (default: the rank depth, 200). */
  efSearch?: number;
}

export interface FeatureSearchResult {
  featureId: number;
  saeId: string;
  index: number;
  /** HYBRID: reciprocal-rank-fusion score; FULL_TEXT: ts_rank; VECTOR: cosine. Higher is better. */
  score: number;
  /** 1-based position in the full-text and vector rankings (null where the feature is not in one). */
  fullTextRank: number | null;
  vectorRank: number | null;
  /** The part of the feature's document that matched best, with the matched words as ranges. */
  match: SearchMatch | null;
  /** Pass as `after` to continue after this result (the last result's is the page's `endCursor`). */
  cursor: string;
}

export interface FeatureSearchPage {
  results: FeatureSearchResult[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** What was searched: the query's terms and the WordNet terms added to them. */
  terms: string[];
  expansions: string[];
  mode: SearchMode;
  /** Why a ranker contributed nothing (no known word for the vector side, an empty filter scope). */
  notices: string[];
}

type Ranked = RankedFeature & { fullTextRank: number | null; vectorRank: number | null };

/**
 * Hybrid feature search: Postgres full text over labels and evidence (WordNet-expanded terms)
 * and nearest neighbours of the query's embedding (HNSW), fused by reciprocal rank; or either
 * alone. Filters by model, SAE, hook, label source and density; pages by an opaque cursor.
 * HYBRID and VECTOR rank the top 200 of each ranker (all reachable by paging); FULL_TEXT pages
 * through every match.
 */
export async function searchFeatures(db: AtlasDb, engine: SearchEngine, args: SearchFeaturesArgs): Promise<FeatureSearchPage> {
  const mode = args.mode ?? 'HYBRID';
  if (!SEARCH_MODES.includes(mode)) throw new SearchError(`Unknown search mode "${String(mode)}"; use ${SEARCH_MODES.join(', ')}.`);
  const first = args.first ?? SEARCH_LIMITS.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > SEARCH_LIMITS.maxPageSize) {
    throw new SearchError(`first must be an integer from 1 to ${SEARCH_LIMITS.maxPageSize} (results per page), got ${first}.`);
  }
  const query = parseQuery(args.query);
  const scope = await resolveFilter(db, args.filter);
  const fingerprint = searchFingerprint([query.text, mode, args.filter ?? {}, args.expand ?? true]);
  const cursor = args.after ? decodeCursor(args.after, fingerprint) : undefined;
  const text = searchTerms(query, engine, args.expand ?? true);
  const page: FeatureSearchPage = {
    results: [], pageInfo: { hasNextPage: false, endCursor: null }, terms: [...text.terms], expansions: [...text.expansions], mode, notices: [],
  };
  if (scope.saeIds.length === 0) {
    page.notices.push('No complete SAE matches every part of the filter, so nothing was searched.');
    return page;
  }

  let ranked: Ranked[];
  if (mode === 'FULL_TEXT') {
    const after = cursor ? { score: cursor.score, featureId: cursor.featureId } : undefined;
    const hits = await fullTextSearchCandidates(db, { text, scope, limit: first + 1, ...(after ? { after } : {}) });
    ranked = hits.map((hit, i) => ({ ...hit, fullTextRank: (cursor?.offset ?? 0) + i + 1, vectorRank: null }));
  } else {
    const depth = SEARCH_LIMITS.rankDepth;
    const [fullText, vector] = await Promise.all([
      mode === 'HYBRID' ? fullTextSearchCandidates(db, { text, scope, limit: depth }) : Promise.resolve([]),
      vectorCandidates(db, engine, query.text, scope, args.efSearch ?? SEARCH_LIMITS.vectorEfSearch, page.notices),
    ]);
    const all = mode === 'VECTOR'
      ? vector.map((hit, i) => ({ ...hit, fullTextRank: null, vectorRank: i + 1 }))
      : reciprocalRankFusion([fullText, vector]).map((fused) => ({
          featureId: fused.featureId, score: fused.score, fullTextRank: fused.ranks[0] ?? null, vectorRank: fused.ranks[1] ?? null,
        }));
    const start = cursor ? all.findIndex((hit) => isAfter(hit, cursor)) : 0;
    ranked = start < 0 ? [] : all.slice(start, start + first + 1);
  }

  const pageHits = ranked.slice(0, first);
  const [features, matches] = await Promise.all([
    getFeaturesByIds(db, pageHits.map((hit) => hit.featureId)),
    getSearchMatches(db, pageHits.map((hit) => hit.featureId), text),
  ]);
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  const cursorAt = (hit: Ranked, i: number) =>
    encodeCursor({ score: hit.score, featureId: hit.featureId, offset: (cursor?.offset ?? 0) + i + 1, search: fingerprint });
  page.results = pageHits.flatMap((hit, i) => {
    const feature = byId.get(hit.featureId);
    if (!feature) return [];
    return [{
      featureId: hit.featureId, saeId: feature.saeId, index: feature.index, score: hit.score,
      fullTextRank: hit.fullTextRank, vectorRank: hit.vectorRank, match: matches.get(hit.featureId) ?? null, cursor: cursorAt(hit, i),
    }];
  });
  const last = pageHits.at(-1);
  page.pageInfo = { hasNextPage: ranked.length > first, endCursor: last ? cursorAt(last, pageHits.length - 1) : null };
  return page;
}

function isAfter(hit: RankedFeature, cursor: SearchCursor): boolean {
  return hit.score < cursor.score || (hit.score === cursor.score && hit.featureId > cursor.featureId);
}

async function vectorCandidates(
  db: AtlasDb, engine: SearchEngine, text: string, scope: SearchScope, efSearch: number, notices: string[],
): Promise<RankedFeature[]> {
  const [vector] = await engine.embedder.embed([text]);
  if (!vector || isZeroVector(vector)) {
    notices.push(`The embedder (${engine.embedderId}) knows none of the query's words, so no vector results were added.`);
    return [];
  }
  const hits = await vectorSearchCandidates(db, { embedderId: engine.embedderId, vector, scope, limit: SEARCH_LIMITS.rankDepth, efSearch });
  if (hits.length === 0 && !(await hasSearchVectors(db, engine.embedderId))) {
    notices.push(`The search index has no vectors by this server's embedder (${engine.embedderId}); rebuild the index (\`atlas build\` re-embeds) to add vector results.`);
  }
  return hits;
}

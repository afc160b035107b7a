import type { Metadata } from 'next';
import Link from 'next/link';
import { renderFromApi } from '@/components/render-from-api';
import { SearchResultItem } from '@/components/search-results';
import { isApiError } from '@/lib/graphql';
import { SEARCH_MODES, searchPageParams, type RawSearchParams } from '@/lib/params';
import { searchFeatures } from '@/lib/queries/search';
import { searchHref } from '@/lib/routes';

interface SearchPageProps {
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const { q } = searchPageParams.parse(await searchParams);
  return { title: q ? `Search: ${q.slice(0, 60)}` : 'Search' };
}

/** `/search?q=…&mode=…`: features by words and meaning, 20 a page; the URL is the search, so it can be shared. */
export default async function SearchPage({ searchParams }: SearchPageProps) {
  const { q, mode, after } = searchPageParams.parse(await searchParams);
  return (
    <>
      <h1>Search features</h1>
      <form className="search-form" method="get" action="/search">
        <input type="search" name="q" defaultValue={q} aria-label="Query" placeholder="a word, a phrase, a meaning…" maxLength={500} required />
        <select name="mode" defaultValue={mode} aria-label="Mode">
          <option value="hybrid">Hybrid (words + meaning)</option>
          <option value="full-text">Words only</option>
          <option value="vector">Meaning only</option>
        </select>
        <button type="submit">Search</button>
      </form>
      {q.trim() ? <SearchResults query={q} mode={mode} after={after} /> : (
        <p className="muted">Search every feature&apos;s labels and the words it fires on. Words match exactly and through WordNet synonyms; meaning matches through word vectors.</p>
      )}
    </>
  );
}

async function SearchResults({ query, mode, after }: { query: string; mode: keyof typeof SEARCH_MODES; after: string | undefined }) {
  return renderFromApi(async () => {
    let page;
    try {
      page = await searchFeatures({ query, mode: SEARCH_MODES[mode], first: 20, after: after ?? null });
    } catch (error) {
      // The API explains a query it cannot run (too long, no words, a stale cursor): show that, not a 404.
      if (isApiError(error, 'BAD_USER_INPUT')) return <p className="notice" role="alert">{error.message}</p>;
      throw error;
    }
    return (
      <section>
        {page.notices.map((notice) => <p key={notice} className="muted small">{notice}</p>)}
        {page.edges.length === 0 ? <p className="notice">No features match “{query}”.</p> : (
          <ol className="search-results">
            {page.edges.map((edge) => <SearchResultItem key={edge.node.id} result={edge} />)}
          </ol>
        )}
        {page.expansions.length > 0 ? <p className="muted small">Also searched: {page.expansions.slice(0, 16).join(', ')}</p> : null}
        <nav className="section-heading">
          {after ? <Link href={searchHref(query, mode)}>First page</Link> : <span />}
          {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? <Link href={searchHref(query, mode, page.pageInfo.endCursor)}>Next results →</Link> : null}
        </nav>
      </section>
    );
  });
}

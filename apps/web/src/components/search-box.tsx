/** The search box in every page's header: a plain GET form to `/search`, so results have a shareable URL and work without JavaScript. */
export function SearchBox({ query = '' }: { query?: string }) {
  return (
    <form className="search-box" method="get" action="/search" role="search">
      <label htmlFor="site-search" className="visually-hidden">Search features</label>
      <input id="site-search" name="q" type="search" defaultValue={query} placeholder="Search features…" maxLength={500} required />
    </form>
  );
}

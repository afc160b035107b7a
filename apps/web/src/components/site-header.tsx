import { connection } from 'next/server';
import Link from 'next/link';
import { env } from '@/env';
import { graphqlIdeUrl } from '@/lib/routes';
import { SearchBox } from './search-box';

export async function SiteHeader() {
  await connection(); // read ATLAS_API_URL per request, never baked in at build time
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Feature Atlas
        </Link>
        <SearchBox />
        <nav className="site-nav" aria-label="Main">
          <Link href="/">Models</Link>
          <Link href="/select">Data selection</Link>
          <Link href="/text">Your text</Link>
          <Link href="/account">Account</Link>
          <a href={graphqlIdeUrl(env.ATLAS_API_URL)} target="_blank" rel="noreferrer">
            GraphQL IDE ↗
          </a>
        </nav>
      </div>
    </header>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { LabelListingTable } from '@/components/account/label-listing-table';
import { renderFromApi } from '@/components/render-from-api';
import { getMyContributions } from '@/lib/queries/review';
import { sessionToken } from '@/lib/session';

export const metadata: Metadata = { title: 'My contributions' };

/** The labels you proposed or revised, newest first, with their votes and review state. */
export default async function MyContributionsPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const token = await sessionToken();
  if (!token) return <p className="notice">Sign in to see your contributions: <Link href="/account">Account</Link>.</p>;
  const { after } = await searchParams;
  return renderFromApi(async () => {
    const page = await getMyContributions(token, typeof after === 'string' ? after : undefined);
    const labels = page.edges.map((edge) => edge.node);
    return (
      <section className="section">
        <h1>My contributions</h1>
        <p className="muted">Labels you proposed or revised, newest first: their votes and where review stands.</p>
        {labels.length === 0 ? <p>None yet: propose a label from any feature&apos;s page.</p> : <LabelListingTable labels={labels} />}
        {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
          <p><Link href={`/account/contributions?after=${encodeURIComponent(page.pageInfo.endCursor)}`}>Next page</Link></p>
        ) : null}
      </section>
    );
  });
}

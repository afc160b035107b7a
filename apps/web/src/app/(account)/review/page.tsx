import type { Metadata } from 'next';
import Link from 'next/link';
import { reviewLabelAction } from '@/components/account/account-actions';
import { ActionForm } from '@/components/account/action-form';
import { LabelListingTable } from '@/components/account/label-listing-table';
import { renderFromApi } from '@/components/render-from-api';
import { isApiError } from '@/lib/graphql';
import { getReviewQueue } from '@/lib/queries/review';
import { sessionToken } from '@/lib/session';

export const metadata: Metadata = { title: 'Review queue' };

/** Curators and admins: proposed labels, oldest first, each accepted or rejected with a note. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const token = await sessionToken();
  if (!token) return <p className="notice">Sign in as a curator to review labels: <Link href="/account">Account</Link>.</p>;
  const { after } = await searchParams;
  return renderFromApi(async () => {
    const queue = await getReviewQueue(token, typeof after === 'string' ? after : undefined).catch((error: unknown) => {
      if (isApiError(error, 'FORBIDDEN')) return null;
      throw error;
    });
    if (!queue) {
      return (
        <p className="notice">
          Reviewing labels is for curators and admins. An admin can make you one (<code>setUserRole</code>, or{' '}
          <code>atlas users grant</code> on the atlas&apos;s machine).
        </p>
      );
    }
    const labels = queue.edges.map((edge) => edge.node);
    return (
      <section className="section">
        <h1>Review queue</h1>
        <p className="muted">
          Proposed labels, oldest first. Accepting one makes it the feature&apos;s label; rejecting keeps it, with your note, in the
          label&apos;s history.
        </p>
        {labels.length === 0 ? <p>Nothing waits for review.</p> : (
          <LabelListingTable
            labels={labels}
            actions={(label) => (
              <ActionForm action={reviewLabelAction} submit="Review">
                <input type="hidden" name="labelId" value={label.id} />
                <label>Decision{' '}
                  <select name="state" defaultValue="ACCEPTED">
                    <option value="ACCEPTED">Accept</option>
                    <option value="REJECTED">Reject</option>
                  </select>
                </label>
                <label>Note <input name="note" maxLength={500} placeholder="optional" /></label>
              </ActionForm>
            )}
          />
        )}
        {queue.pageInfo.hasNextPage && queue.pageInfo.endCursor ? (
          <p><Link href={`/review?after=${encodeURIComponent(queue.pageInfo.endCursor)}`}>Next page</Link></p>
        ) : null}
      </section>
    );
  });
}

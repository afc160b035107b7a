import Link from 'next/link';
import type { ReactNode } from 'react';
import type { LabelListing } from '@/lib/queries/review';
import { featureHrefFromId } from '@/lib/routes';

/**
 * Labels as a table (the review queue and "my contributions"): the feature it names, the text,
 * who proposed it, votes, its state; `actions` adds a last column (the queue's accept / reject).
 */
export function LabelListingTable({ labels, actions }: { labels: LabelListing[]; actions?: (label: LabelListing) => ReactNode }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Feature</th><th scope="col">Label</th><th scope="col">By</th><th scope="col">Votes</th>
          <th scope="col">State</th>{actions ? <th scope="col">Review</th> : null}
        </tr>
      </thead>
      <tbody>
        {labels.map((label) => (
          <tr key={label.id}>
            <td><Link href={featureHrefFromId(label.featureId)}>{label.featureId}</Link></td>
            <td>
              {label.text}
              {label.tags.length > 0 ? <span className="muted"> · {label.tags.join(', ')}</span> : null}
              <span className="muted"> · v{label.version}, {label.updatedAt.slice(0, 10)}</span>
            </td>
            <td>{label.createdBy?.handle ?? label.source.toLowerCase()}</td>
            <td>+{label.upvotes} / −{label.downvotes}</td>
            <td>
              {label.reviewState.toLowerCase()}{label.hidden ? ', hidden' : ''}
              {label.reviewNote ? <span className="muted"> — {label.reviewNote}</span> : null}
            </td>
            {actions ? <td>{actions(label)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

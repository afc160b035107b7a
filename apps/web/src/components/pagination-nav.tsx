import Link from 'next/link';
import { PAGE_SIZES } from '@/lib/params';
import { firstPosition, nextPosition, previousPosition, type ListState } from '@/lib/pagination';
import { saeHref } from '@/lib/routes';

export interface PaginationNavProps {
  saeId: string;
  state: ListState;
  endCursor: string | null;
  hasNextPage: boolean;
  /** e.g. "Features 0–24 of 4,096" */
  summary: string;
}

/** Previous / Next links (cursor stack in the URL) and page-size choices. */
export function PaginationNav({ saeId, state, endCursor, hasNextPage, summary }: PaginationNavProps) {
  const previous = previousPosition(state);
  const next = hasNextPage && endCursor ? nextPosition(state, endCursor) : undefined;
  return (
    <nav className="pagination" aria-label="Feature pages">
      <span className="muted">{summary}</span>
      <span className="pagination-sizes">
        Per page:
        {PAGE_SIZES.map((size) =>
          size === state.first ? (
            <strong key={size}>{size}</strong>
          ) : (
            <Link key={size} href={saeHref(saeId, { ...firstPosition(state), first: size })}>
              {size}
            </Link>
          ),
        )}
      </span>
      <span className="pagination-links">
        {state.after !== undefined ? <Link href={saeHref(saeId, firstPosition(state))}>« First</Link> : null}
        {previous ? (
          <Link href={saeHref(saeId, previous)} rel="prev" className="button">
            ← Previous
          </Link>
        ) : (
          <span className="button disabled">← Previous</span>
        )}
        {next ? (
          <Link href={saeHref(saeId, next)} rel="next" className="button">
            Next →
          </Link>
        ) : (
          <span className="button disabled">Next →</span>
        )}
      </span>
    </nav>
  );
}

import Link from 'next/link';
import type { FeatureSort } from '@/lib/feature-list-view';
import { saeHref } from '@/lib/routes';

interface SortHeaderProps {
  label: string;
  saeId: string;
  /** The two orders this column toggles between, highest first. */
  desc: FeatureSort;
  asc: FeatureSort;
  current: FeatureSort;
  quality: string;
  /** The list's label-text filter, kept by the link. */
  labelFilter: string | undefined;
  first: number;
}

/** A column header that sorts by its column: highest first, then lowest first on a second click. */
export function SortHeader({ label, saeId, desc, asc, current, quality, labelFilter, first }: SortHeaderProps) {
  const active = current === desc || current === asc;
  const next = current === desc ? asc : desc;
  return (
    <th scope="col" className="num" aria-sort={current === desc ? 'descending' : current === asc ? 'ascending' : 'none'}>
      <Link href={saeHref(saeId, { sort: next, quality, first, ...(labelFilter ? { label: labelFilter } : {}) })}>
        {label}
        {active ? (current === desc ? ' ↓' : ' ↑') : ''}
      </Link>
    </th>
  );
}

import type { FeatureMatchRow } from '@atlas/db';
import { badUserInput } from '../../errors.ts';
import { pageSize } from '../../limits.ts';

/** What a FeatureMatchConnection resolves from: a page of edges at an offset, best score first. */
export type MatchPage = { rows: FeatureMatchRow[]; totalCount: number; offset: number };

const PREFIX = 'match:';

/** Opaque cursors for match pages: base64url of `match:<position>` (edges are ordered by score, not a key). */
export function encodeMatchCursor(position: number): string {
  return Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url');
}

/** The offset after a cursor; BAD_USER_INPUT for anything this API did not issue. */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const text = /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  const position = text.startsWith(PREFIX) && /^\d{1,9}$/.test(text.slice(PREFIX.length)) ? Number(text.slice(PREFIX.length)) : null;
  if (position === null) throw badUserInput(`cursor ${JSON.stringify(after)} is not a match cursor from this API; pass endCursor from a previous page`);
  return position + 1;
}

/** Validated page bounds for a `matches(first, after)` field. */
export function matchPageBounds(args: { first?: number | null; after?: string | null }, fallback: number, field: string): { limit: number; offset: number } {
  return { limit: pageSize(args.first, fallback, field), offset: offsetAfter(args.after) };
}

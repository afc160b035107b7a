import { listLabelsByContributor, listLabelVersions, listReviewQueue, type LabelRow, type LabelVersionRow } from '@atlas/db';
import type { ApiContext } from '../../context.ts';
import { badUserInput } from '../../errors.ts';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../limits.ts';

/** Opaque cursors of this domain's pages: base64url of `<kind>:<number>` (a label id or a version number). */
type CursorKind = 'label' | 'version';

export function encodeCursor(kind: CursorKind, key: number): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');
}

function decodeCursor(kind: CursorKind, cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const key = text.startsWith(`${kind}:`) ? Number(text.slice(kind.length + 1)) : Number.NaN;
  if (!Number.isSafeInteger(key) || key < 0) {
    throw badUserInput(`cursor ${JSON.stringify(cursor.slice(0, 80))} is not a cursor from this API; pass endCursor from a previous page`);
  }
  return key;
}

export type LabelPage = { labels: LabelRow[]; hasNextPage: boolean; hasPreviousPage: boolean };
export type VersionPage = { versions: LabelVersionRow[]; hasNextPage: boolean; hasPreviousPage: boolean };
type PageArgs = { first?: number | null; after?: string | null };

/** One more row than asked tells whether another page follows. */
function page<T>(rows: T[], limit: number) {
  return { rows: rows.slice(0, limit), hasNextPage: rows.length > limit };
}

export async function loadVersionPage(ctx: ApiContext, labelId: number, args: PageArgs): Promise<VersionPage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, 'labelHistory');
  const beforeVersion = decodeCursor('version', args.after);
  const { rows, hasNextPage } = page(await listLabelVersions(ctx.db, { labelId, beforeVersion, limit: limit + 1 }), limit);
  return { versions: rows, hasNextPage, hasPreviousPage: beforeVersion !== null };
}

export async function loadReviewQueuePage(ctx: ApiContext, saeId: string | null, args: PageArgs): Promise<LabelPage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, 'reviewQueue');
  const afterId = decodeCursor('label', args.after);
  const { rows, hasNextPage } = page(await listReviewQueue(ctx.db, { saeId, afterId, limit: limit + 1 }), limit);
  return { labels: rows, hasNextPage, hasPreviousPage: afterId !== null };
}

export async function loadContributionsPage(ctx: ApiContext, userId: number, args: PageArgs): Promise<LabelPage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, 'myContributions');
  const beforeId = decodeCursor('label', args.after);
  const { rows, hasNextPage } = page(await listLabelsByContributor(ctx.db, { userId, beforeId, limit: limit + 1 }), limit);
  return { labels: rows, hasNextPage, hasPreviousPage: beforeId !== null };
}

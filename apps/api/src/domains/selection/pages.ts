import { listPools, listSelectionItems, type PoolRow, type SelectionItemRow } from '@atlas/db';
import type { ApiContext } from '../../context.ts';
import { badUserInput } from '../../errors.ts';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../limits.ts';

/** Opaque cursors of this domain's pages: base64url of `<kind>:<key>`. */
export function encodeKeyCursor(kind: 'pool' | 'rank', key: string | number): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');
}

export function decodeKeyCursor(kind: 'pool' | 'rank', cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${kind}:`) || text.length === kind.length + 1) {
    throw badUserInput(`cursor ${JSON.stringify(cursor)} is not a cursor from this API; pass endCursor from a previous page`);
  }
  return text.slice(kind.length + 1);
}

function decodeRank(cursor: string | null | undefined): number {
  if (cursor == null) return 0;
  const rank = Number(decodeKeyCursor('rank', cursor));
  if (!Number.isSafeInteger(rank) || rank < 0) throw badUserInput(`cursor ${JSON.stringify(cursor)} is not a cursor from this API; pass endCursor from a previous page`);
  return rank;
}

export type PoolPage = { pools: PoolRow[]; hasNextPage: boolean; hasPreviousPage: boolean };
export type ItemPage = { saeId: string | null; items: SelectionItemRow[]; hasNextPage: boolean; hasPreviousPage: boolean };
type PageArgs = { first?: number | null; after?: string | null };

export async function loadPoolPage(ctx: ApiContext, args: PageArgs): Promise<PoolPage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, 'pools');
  const after = args.after == null ? null : decodeKeyCursor('pool', args.after);
  const rows = await listPools(ctx.db, { after, limit: limit + 1 });
  return { pools: rows.slice(0, limit), hasNextPage: rows.length > limit, hasPreviousPage: after !== null };
}

export async function loadItemPage(ctx: ApiContext, selection: { id: number; saeId: string | null }, args: PageArgs): Promise<ItemPage> {
  const limit = pageSize(args.first, DEFAULT_PAGE_SIZE, 'items');
  const afterRank = decodeRank(args.after);
  const rows = await listSelectionItems(ctx.db, { selectionId: selection.id, afterRank, limit: limit + 1 });
  return { saeId: selection.saeId, items: rows.slice(0, limit), hasNextPage: rows.length > limit, hasPreviousPage: afterRank > 0 };
}

/** Lines one `jsonl` page may hold. */
export const MAX_JSONL_LINES = 1_000;

export async function loadJsonlItems(ctx: ApiContext, selectionId: number, args: PageArgs): Promise<{ items: SelectionItemRow[]; hasNextPage: boolean }> {
  const first = args.first ?? MAX_JSONL_LINES;
  if (!Number.isInteger(first) || first < 1 || first > MAX_JSONL_LINES) {
    throw badUserInput(`jsonl(first: ${first}) is out of range: first must be between 1 and ${MAX_JSONL_LINES}; page with after: endCursor`);
  }
  const rows = await listSelectionItems(ctx.db, { selectionId, afterRank: decodeRank(args.after), limit: first + 1 });
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}

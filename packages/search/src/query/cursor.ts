import { createHash } from 'node:crypto';
import { SearchError } from '../search-error.ts';

/** Where a page ended: the last result's score and feature, how many came before, and which search it belongs to. */
export interface SearchCursor {
  score: number;
  featureId: number;
  /** Results on this and earlier pages. */
  offset: number;
  /** Fingerprint of the query, mode and filter: a cursor from another search is refused. */
  search: string;
}

export function searchFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.featureId, cursor.offset, cursor.search])).toString('base64url');
}

export function decodeCursor(value: string, search: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const valid = Array.isArray(parsed) && parsed.length === 4 && Number.isFinite(parsed[0]) && Number.isSafeInteger(parsed[1])
    && Number.isSafeInteger(parsed[2]) && parsed[2] >= 0 && typeof parsed[3] === 'string';
  if (!valid) throw new SearchError('The `after` cursor is not one this search returned; pass `endCursor` from the previous page, or leave `after` out for the first page.');
  const [score, featureId, offset, fingerprint] = parsed as [number, number, number, string];
  if (fingerprint !== search) {
    throw new SearchError('The `after` cursor belongs to a different query, mode or filter; leave `after` out to start this search from its first page.');
  }
  return { score, featureId, offset, search };
}
